package dev.visualreview.capture.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * One DevTools session per Chromium page, opened on the page's first capture and kept for the
 * page's life: it is not part of the page's DOM and goes away with the page. Pages of other
 * browsers, and pages whose session cannot be opened, have none and are captured through
 * Playwright's own calls only.
 */
final class DevToolsSessions {
  private static final Map<Page, Optional<CDPSession>> SESSIONS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private DevToolsSessions() {}

  static Optional<CDPSession> of(Page page) {
    Optional<CDPSession> cached = SESSIONS.get(page);
    if (cached != null) {
      return cached;
    }
    Optional<CDPSession> opened = Optional.empty();
    Browser browser = page.context().browser();
    if (browser == null || "chromium".equals(browser.browserType().name())) {
      try {
        opened = Optional.of(page.context().newCDPSession(page));
      } catch (PlaywrightException e) {
        // Not a Chromium page (a persistent context of another browser): Playwright's calls only.
      }
    }
    SESSIONS.put(page, opened);
    return opened;
  }

  /** Drops a session that stopped answering (its target went away); the next capture retries. */
  static void forget(Page page) {
    SESSIONS.remove(page);
  }
}
