package dev.visualreview;

import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.Capturers;
import dev.visualreview.image.ContentHash;
import dev.visualreview.image.ImageHash;
import dev.visualreview.image.InvalidImageException;

/**
 * A stable screenshot of a Playwright or Selenium target, taken and hashed exactly as {@link
 * Snapshots#capture(String, Object, CaptureOptions)} does, but not recorded as a snapshot: nothing
 * is compared, reported or judged. Useful to check that two ways of showing the same thing give the
 * same pixels, for example the same chart captured through Playwright and through Selenium:
 *
 * <pre>{@code
 * CapturedSnapshot recorded = snapshots.capture("chart", page.locator("#chart"));
 * StableScreenshot other = StableScreenshot.of(driver.findElement(By.id("chart")));
 * assertThat(other.contentHash()).isEqualTo(recorded.contentHash());
 * }</pre>
 *
 * <p>Works with or without {@link VisualReview}, and whatever {@code visualreview.mode} says.
 * Immutable and thread-safe.
 */
public final class StableScreenshot {
  /** The name errors use for the screenshot (they say "snapshot 'StableScreenshot.of': ..."). */
  private static final String NAME = "StableScreenshot.of";

  private final byte[] png;
  private final String contentHash;
  private final int width;
  private final int height;

  private StableScreenshot(byte[] png, ImageHash hash) {
    this.png = png;
    this.contentHash = hash.contentHash();
    this.width = hash.width();
    this.height = hash.height();
  }

  /**
   * Takes a stable screenshot with {@link CaptureOptions#defaults()}.
   *
   * @param target a Playwright {@code Page} or {@code Locator}, a Selenium {@code WebDriver} or
   *     {@code WebElement}, PNG bytes ({@code byte[]}), a {@code Path} to a PNG, or a {@code
   *     BufferedImage}
   * @throws CaptureException when the target is null or of another type, cannot be captured, or is
   *     not a usable PNG; the message names the problem and the fix
   * @throws UnstableCaptureException when the page never settled
   */
  public static StableScreenshot of(Object target) {
    return of(target, CaptureOptions.defaults());
  }

  /**
   * Takes a stable screenshot with the given options (full page, masks, clip, stability, ...).
   *
   * @throws IllegalArgumentException when {@code options} is null
   * @see #of(Object)
   */
  public static StableScreenshot of(Object target, CaptureOptions options) {
    if (options == null) {
      throw new IllegalArgumentException(
          "StableScreenshot.of(target, null): pass CaptureOptions.defaults() or omit the options");
    }
    CapturedImage image = Capturers.capture(target, options, NAME);
    byte[] png = image.png();
    try {
      return new StableScreenshot(png, ContentHash.of(png));
    } catch (InvalidImageException e) {
      throw new CaptureException(
          "snapshot '" + NAME + "': the image cannot be decoded: " + e.getMessage(), e);
    }
  }

  /** The PNG file bytes (a copy: changing it changes nothing here). */
  public byte[] png() {
    return png.clone();
  }

  /**
   * The PostHog Visual Review content hash: lowercase hex BLAKE3 of the decoded RGBA8 pixels, the
   * same as {@link CapturedSnapshot#contentHash()} of a snapshot with these pixels.
   */
  public String contentHash() {
    return contentHash;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  @Override
  public String toString() {
    return "StableScreenshot["
        + width
        + "x"
        + height
        + ", "
        + png.length
        + " bytes, contentHash="
        + contentHash
        + "]";
  }
}
