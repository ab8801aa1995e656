package dev.visualreview;

/**
 * Captures screenshots for visual review. Declare it as a parameter of a test method, a constructor
 * or a lifecycle method of a {@link VisualReview} class; the library injects it.
 *
 * <p><b>"No ParameterResolver registered for parameter [dev.visualreview.Snapshots arg0]"</b> means
 * the test class is not under visual review: annotate it (or a superclass, or an enclosing class of
 * a {@code @Nested} class) with {@link VisualReview}. Alternatively enable JUnit's extension
 * auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true} in {@code
 * junit-platform.properties}): the library then serves every class that takes a {@code Snapshots}
 * parameter and leaves all other classes alone.
 *
 * <p>Each snapshot's identifier is built from the test class, the test method and the given name
 * (see {@link ConfigKeys#IDENTIFIER_TEMPLATE}), so a name only has to be unique within its test.
 * The test fails at its end, after all its captures, when a snapshot changed in local mode; the
 * whole suite is judged when it ends.
 *
 * <p>Thread-safe: tests may capture concurrently.
 */
public interface Snapshots {

  /**
   * Captures {@code target} with default options.
   *
   * @param name the snapshot's name within this test, e.g. {@code "checkout"}; characters outside
   *     {@code [A-Za-z0-9_-]} become {@code -}
   * @param target a Playwright {@code Page} or {@code Locator}, a Selenium {@code WebDriver} or
   *     {@code WebElement}, PNG bytes ({@code byte[]}), a {@code Path} to a PNG, or a {@code
   *     BufferedImage}
   * @return the identifier and content hash recorded (an empty hash when {@code visualreview.mode}
   *     is {@code off}: nothing is captured then)
   * @throws IllegalArgumentException for a blank name, a null target, a name whose identifier this
   *     run already has (the same name twice in one test, or a template that gives two tests the
   *     same identifier), or a PNG whose pixels cannot be decoded (truncated or corrupt)
   * @throws CaptureException when the target is of an unsupported type, is not a PNG, or cannot be
   *     captured (the element is hidden or detached, the page does not answer, ...): the message
   *     names the snapshot, the cause and the fix
   * @throws UnstableCaptureException when the page kept changing: no two consecutive screenshots
   *     were identical within the stability bounds
   */
  CapturedSnapshot capture(String name, Object target);

  /**
   * Captures {@code target} with the given options (full page, masks, clip, stability, ...).
   *
   * @throws IllegalArgumentException also when {@code options} is null; otherwise as {@link
   *     #capture(String, Object)}
   * @see CaptureOptions#builder()
   */
  CapturedSnapshot capture(String name, Object target, CaptureOptions options);

  /** Records a PNG that the test produced itself. Same as {@code capture(name, png)}. */
  default CapturedSnapshot capturePng(String name, byte[] png) {
    return capture(name, png);
  }
}
