package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;

/**
 * How long both engines wait for a page to answer the calls of one screenshot, and what they say
 * when it does not: the capture timeout plus a margin that lets the page scripts' own font wait
 * (bounded by the timeout) report first.
 */
public final class PageDeadline {
  private static final long MARGIN_MILLIS = 2_000;

  private PageDeadline() {}

  /** The bound on each bounded call, in milliseconds. */
  public static long millis(CaptureOptions options) {
    return options.timeout().toMillis() + MARGIN_MILLIS;
  }

  /**
   * The error for a page that did not answer within {@code millis}; {@code when} says during what
   * (empty, or e.g. " while the screenshot was taken").
   */
  public static CaptureException notAnswering(
      String snapshotName, long millis, String when, Throwable cause) {
    return new CaptureException(
        "snapshot '"
            + snapshotName
            + "': the page did not answer within "
            + millis
            + " ms"
            + when
            + " (is a script stuck in a loop?): fix the page, or raise the timeout",
        cause);
  }
}
