package dev.visualreview.capture;

import dev.visualreview.CaptureOptions;
import java.util.Map;

/**
 * One engine's access to the page of one capture, for {@link PageCapture}: running the capture's
 * page scripts, taking one screenshot, and describing the browser. Every call that can meet a page
 * stuck in a script is bounded ({@link PageDeadline}); after one did not answer, {@link
 * #unresponsive()} is true and nothing more is sent.
 */
public interface PageSession {

  /** The page changes this engine leaves to the page scripts (see {@link PageChanges}). */
  PageChanges changes(CaptureOptions options);

  /** Whether the engine's screenshot hides the caret itself. */
  boolean hidesCaret();

  /**
   * How long the first font wait may last before the script reports {@code fontsPending} (an engine
   * whose scripts are bounded by a driver's script timeout probes first, see {@link
   * #fontsWaitMillis(long)}), or -1 for no probe.
   */
  default long fontsProbeMillis() {
    return -1;
  }

  /** How long the full font wait may last after a probe found the fonts pending. */
  default long fontsWaitMillis(long timeoutMillis) {
    return timeoutMillis;
  }

  /** Waits until the page's network has been idle for a while, within the capture's timeout. */
  void waitForNetworkIdle();

  /**
   * Runs one of {@link PageScripts}' functions in the page's top document with a JSON argument and
   * returns its result object (empty when it returned none), bounded by the {@link PageDeadline};
   * {@code when} says during what, for the error (e.g. " while the screenshot was taken", or
   * empty).
   */
  Map<?, ?> evaluate(String function, Map<String, Object> argument, String when);

  /**
   * Takes one screenshot of the prepared target, bounded like {@link #evaluate}.
   *
   * @param facts what the preparation reported just now
   * @param calm whether this screenshot is taken with a quiet-page proof right after a preparation
   *     that may have found the page calm (an engine may then skip its own screenshot preparation)
   */
  byte[] screenshot(PageFacts facts, boolean calm);

  /** Whether a call did not answer in time: the page is stuck, nothing more is sent to it. */
  boolean unresponsive();

  /** The browser, for the metadata. */
  CaptureMetadata.BrowserDescription browser(PageFacts facts);

  /**
   * Ends the session after the page changes were undone: engine-level settings are reset. A failure
   * to do so is added to {@code failure} when there is one, else thrown.
   */
  default void close(Throwable failure) {}
}
