package dev.visualreview.capture;

import dev.visualreview.CaptureOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What is known about where a snapshot came from. Browser captures fill every field; images passed
 * by the caller have only {@code engine} ({@code image}) and {@code os}, the other fields are null.
 * {@link #asMap()} gives the form sent to PostHog and written to reports, under the key names
 * below.
 *
 * @param engine {@code playwright}, {@code selenium} or {@code image}
 * @param browser the browser's name as its engine reports it, e.g. {@code chromium} (Playwright) or
 *     {@code chrome} (Selenium)
 * @param browserVersion e.g. {@code 156.0.8078.114}
 * @param viewport {@code WIDTHxHEIGHT} of the viewport in CSS pixels, or {@code unknown}
 * @param devicePixelRatio the page's device pixel ratio
 * @param os the operating system of the browser (Selenium) or of this JVM
 * @param scale {@code css} or {@code device}
 * @param fullPage whether the whole page was captured
 * @param attempts how many screenshots the stability check took
 */
public record CaptureMetadata(
    String engine,
    String browser,
    String browserVersion,
    String viewport,
    Double devicePixelRatio,
    String os,
    String scale,
    Boolean fullPage,
    Integer attempts) {

  /** Key of {@link #engine()} in {@link #asMap()}. */
  public static final String ENGINE = "engine";

  public static final String BROWSER = "browser";
  public static final String BROWSER_VERSION = "browserVersion";
  public static final String VIEWPORT = "viewport";
  public static final String DEVICE_PIXEL_RATIO = "devicePixelRatio";
  public static final String OS = "os";
  public static final String SCALE = "scale";
  public static final String FULL_PAGE = "fullPage";
  public static final String ATTEMPTS = "attempts";

  /** The metadata of an image the caller passed (bytes, a file or a BufferedImage). */
  public static CaptureMetadata ofImage() {
    return new CaptureMetadata("image", null, null, null, null, localOs(), null, null, null);
  }

  /** The metadata of a browser capture. */
  public static CaptureMetadata ofBrowser(
      BrowserDescription browser, PageFacts facts, CaptureOptions options, int attempts) {
    return new CaptureMetadata(
        browser.engine(),
        browser.name(),
        browser.version(),
        facts.viewport(),
        facts.devicePixelRatio(),
        browser.os(),
        options.scale().name().toLowerCase(Locale.ROOT),
        options.fullPage(),
        attempts);
  }

  /** The browser a capture ran in, as its engine describes it. */
  public record BrowserDescription(String engine, String name, String version, String os) {}

  /** The fields that are set, under their key names, in the order above. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    put(map, ENGINE, engine);
    put(map, BROWSER, browser);
    put(map, BROWSER_VERSION, browserVersion);
    put(map, VIEWPORT, viewport);
    put(map, DEVICE_PIXEL_RATIO, devicePixelRatio);
    put(map, OS, os);
    put(map, SCALE, scale);
    put(map, FULL_PAGE, fullPage);
    put(map, ATTEMPTS, attempts);
    return map;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

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
