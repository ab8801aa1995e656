package dev.visualreview.capture.playwright;

import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import dev.visualreview.CaptureException;
import dev.visualreview.capture.CaptureFailures;

/** Playwright's errors in the user's words, with Playwright's own error as the one cause. */
final class PlaywrightFailures {
  private PlaywrightFailures() {}

  static CaptureException describe(String snapshotName, PlaywrightException e) {
    String detail = firstLine(e);
    if (detail.contains("has been closed") || e.getClass().getSimpleName().contains("Closed")) {
      return CaptureFailures.engine(
          snapshotName,
          "the page, its context or its browser was closed: keep the page open until the capture"
              + " returns",
          e);
    }
    if (e instanceof TimeoutError) {
      return CaptureFailures.engine(
          snapshotName,
          "Playwright gave up waiting ("
              + detail
              + "): wait for the page before capturing, or"
              + " raise the timeout (CaptureOptions.timeout)",
          e);
    }
    return CaptureFailures.engine(
        snapshotName,
        "Playwright could not take the screenshot ("
            + detail
            + "): see the cause for Playwright's"
            + " details",
        e);
  }

  /**
   * The first line of Playwright's message without its {@code Error { message='...} } wrapping,
   * e.g. {@code Timeout 2000ms exceeded.}
   */
  static String firstLine(PlaywrightException e) {
    String message = String.valueOf(e.getMessage());
    int quote = message.indexOf("message='");
    if (quote >= 0) {
      message = message.substring(quote + "message='".length());
    }
    int end = message.indexOf('\n');
    return (end >= 0 ? message.substring(0, end) : message).trim();
  }
}
