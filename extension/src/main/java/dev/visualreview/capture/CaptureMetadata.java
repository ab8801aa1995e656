package dev.visualreview.capture;

/** The metadata keys recorded with every snapshot (see {@link CapturedImage#metadata()}). */
public final class CaptureMetadata {
  /** {@code playwright}, {@code selenium} or {@code image}. */
  public static final String ENGINE = "engine";

  public static final String BROWSER = "browser";
  public static final String BROWSER_VERSION = "browserVersion";

  /** {@code WIDTHxHEIGHT} of the viewport in CSS pixels. */
  public static final String VIEWPORT = "viewport";

  public static final String DEVICE_PIXEL_RATIO = "devicePixelRatio";
  public static final String OS = "os";

  /** {@code css} or {@code device}. */
  public static final String SCALE = "scale";

  public static final String FULL_PAGE = "fullPage";

  /** How many screenshots the stability check took. */
  public static final String ATTEMPTS = "attempts";

  private CaptureMetadata() {}

  /** The operating system this JVM runs on, e.g. {@code Linux 6.1 (amd64)}. */
  public static String localOs() {
    return System.getProperty("os.name", "unknown")
        + " "
        + System.getProperty("os.version", "")
        + " ("
        + System.getProperty("os.arch", "unknown")
        + ")";
  }
}
