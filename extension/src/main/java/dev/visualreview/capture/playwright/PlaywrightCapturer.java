package dev.visualreview.capture.playwright;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.CaptureFailures;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.Capturer;
import dev.visualreview.capture.PageCapture;

/**
 * Captures a Playwright {@link Page} (viewport or full page) or {@link Locator} (one element):
 * checks the target, opens a {@link PlaywrightSession} and runs the engine-neutral {@link
 * PageCapture} on it.
 */
public final class PlaywrightCapturer implements Capturer {

  @Override
  public CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    Page page;
    Locator element = null;
    if (target instanceof Page p) {
      page = p;
    } else if (target instanceof Locator locator) {
      if (options.clip() != null) {
        throw CaptureFailures.clipWithElement(snapshotName, "Page", "Locator");
      }
      page = locator.page();
      element = locator;
    } else {
      throw CaptureFailures.of(snapshotName, "not a Playwright Page or Locator: " + target);
    }
    try {
      PlaywrightSession session = new PlaywrightSession(page, element, options, snapshotName);
      session.requireVisibleElement();
      return PageCapture.run(session, options, snapshotName);
    } catch (PlaywrightException e) {
      throw PlaywrightFailures.describe(snapshotName, e);
    }
  }
}
