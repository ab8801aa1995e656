package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import java.util.Arrays;

/**
 * The capture errors both engines raise, worded once, and the clean-up of an error before a user
 * meets it: one message that names the snapshot, the problem and the fix, the engine's error as the
 * one cause, and no frames of the test engine that called the test.
 */
public final class CaptureFailures {
  private CaptureFailures() {}

  /** {@code snapshot 'name': problem: fix}. */
  public static CaptureException of(String snapshotName, String problemAndFix) {
    return new CaptureException("snapshot '" + snapshotName + "': " + problemAndFix);
  }

  /**
   * The engine could not do its part; {@code problemAndFix} says what happened in the user's words,
   * and {@code engineError} becomes the only cause (its own causes, which engines fill with copies
   * of the same error, are dropped: the innermost one is kept).
   */
  public static CaptureException engine(
      String snapshotName, String problemAndFix, Throwable engineError) {
    return new CaptureException(
        "snapshot '" + snapshotName + "': " + problemAndFix, innermost(engineError));
  }

  /** The element of an element capture has nothing to capture right now. */
  public static CaptureException nothingToCapture(
      String snapshotName, String element, String problem) {
    return of(
        snapshotName,
        "the element "
            + element
            + " "
            + problem
            + ": wait until it is visible (or capture another element) before capturing");
  }

  /** The element is no longer in the page (removed, or the page changed since it was found). */
  public static CaptureException detached(String snapshotName, String element) {
    return nothingToCapture(
        snapshotName,
        element,
        "is no longer in the page (detached, or the page changed since it was found); find it"
            + " again after the page changed, and");
  }

  /** Web fonts were still loading when the capture's wait ended. */
  public static CaptureException fontsStillLoading(String snapshotName, long waitedMillis) {
    return of(
        snapshotName,
        "web fonts were still loading after "
            + waitedMillis
            + " ms: check the font URLs, or raise the timeout (CaptureOptions.timeout)");
  }

  /** A clip was given for an element capture. */
  public static CaptureException clipWithElement(String snapshotName, String page, String element) {
    return of(
        snapshotName,
        "clip applies to page captures only; capture the "
            + page
            + " with a clip, or capture the "
            + element
            + " without one");
  }

  /** A mask the engine cannot use. */
  public static CaptureException wrongMask(String snapshotName, Object mask, String engine) {
    String accepted = engine.equals("Playwright") ? "a Locator" : "a WebElement";
    return of(
        snapshotName,
        "a mask of type "
            + mask.getClass().getName()
            + " cannot be used with "
            + engine
            + ": pass a CSS selector string or "
            + accepted);
  }

  /**
   * The error as a user should meet it: its stack trace and its cause's end where the test engine
   * called the test (the reflective call and everything below it: JUnit's executors and the {@code
   * java.util.stream} pipelines of parameterised tests), so the printed trace shows the library,
   * the engine and the test, each once.
   */
  static CaptureException forUser(CaptureException e) {
    trimBelowTestInvocation(e);
    if (e.getCause() != null) {
      trimBelowTestInvocation(e.getCause());
    }
    return e;
  }

  private static void trimBelowTestInvocation(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < frames.length; i++) {
      String type = frames[i].getClassName();
      if (type.startsWith("jdk.internal.reflect.")
          || type.startsWith("sun.reflect.")
          || type.equals("java.lang.reflect.Method")) {
        if (i > 0) {
          t.setStackTrace(Arrays.copyOf(frames, i));
        }
        return;
      }
    }
  }

  private static Throwable innermost(Throwable error) {
    Throwable root = error;
    for (int i = 0; i < 20 && root.getCause() != null && root.getCause() != root; i++) {
      root = root.getCause();
    }
    return root;
  }
}
