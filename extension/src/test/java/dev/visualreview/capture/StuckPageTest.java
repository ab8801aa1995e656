package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import dev.visualreview.browsers.BrowserDiscovery;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.browsers.SeleniumBrowsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * A page whose main thread is stuck in a script never answers the capture's page scripts: the
 * capture must fail with a clear error within its timeout instead of holding the test forever. Each
 * engine gets a browser of its own, since the stuck page is lost afterwards.
 */
class StuckPageTest {
  private static final String STUCK =
      "<h1>stuck</h1><script>setTimeout(() => { while (true) {} }, 200)</script>";

  /**
   * A page that answers the capture's first script and gets stuck right after it, as if a timer
   * fired during the screenshot: it loops forever when the capture's last script reads back the
   * quiet-page watch that the first one left.
   */
  private static final String STUCK_AFTER_FIRST_SCRIPT =
      "<h1>stuck later</h1><script>let watch; let armed = false;"
          + " Object.defineProperty(window, '__visualreviewQuiet', { configurable: true,"
          + " get() { if (armed) { while (true) {} } return watch; },"
          + " set(value) { watch = value; armed = true; } });</script>";

  /**
   * The capture's timeout: its deadline (the timeout plus 2 s) must be far longer than a page that
   * is not stuck takes to answer on a loaded machine, yet keep the test short.
   */
  private static final CaptureOptions SIX_SECONDS =
      CaptureOptions.builder().timeout(Duration.ofSeconds(6)).build();

  @Test
  void playwrightCaptureOfAStuckPageFailsWithinItsTimeout() {
    assertPlaywrightCaptureFails(STUCK, "did not answer within 8000 ms (is a script stuck");
  }

  @Test
  void playwrightCaptureOfAPageStuckDuringTheScreenshotFailsWithinItsTimeout() {
    assertPlaywrightCaptureFails(
        STUCK_AFTER_FIRST_SCRIPT, "did not answer within 8000 ms while the screenshot was taken");
  }

  @Test
  void seleniumCaptureOfAStuckPageFailsWithinItsTimeout() {
    assertSeleniumCaptureFails(STUCK, "did not answer within 8000 ms (is a script stuck");
  }

  @Test
  void seleniumCaptureOfAPageStuckDuringTheScreenshotFailsWithinItsTimeout() {
    assertSeleniumCaptureFails(
        STUCK_AFTER_FIRST_SCRIPT, "did not answer within 8000 ms while the screenshot was taken");
  }

  private static void assertPlaywrightCaptureFails(String html, String message) {
    try (Playwright playwright = PlaywrightBrowsers.createPlaywright()) {
      Browser browser = PlaywrightBrowsers.launchChromium(playwright);
      Page page = browser.newPage();
      page.setContent(html);
      page.waitForTimeout(500);

      assertTimeoutPreemptively(
          Duration.ofSeconds(120),
          () ->
              assertThatThrownBy(() -> Capturers.capture(page, SIX_SECONDS, "stuck"))
                  .isInstanceOf(CaptureException.class)
                  .hasMessageContaining("snapshot 'stuck'")
                  .hasMessageContaining(message)
                  .hasMessageContaining("raise the timeout"));
    }
  }

  private static void assertSeleniumCaptureFails(String html, String message) {
    // chromedriver runs a session's commands one after the other, so after the stuck script even
    // quit would wait: the test ends chromedriver and its browser instead. The HTTP read timeout
    // stays generous, so that starting the session never fails on a loaded machine.
    Set<Long> before = descendants();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(BrowserDiscovery.system().chromedriver().toFile())
            .usingAnyFreePort()
            .withTimeout(SeleniumBrowsers.START_TIMEOUT)
            .build();
    ChromeDriver driver =
        new ChromeDriver(
            service,
            SeleniumBrowsers.chromeOptions(),
            ClientConfig.defaultConfig().readTimeout(Duration.ofMinutes(3)));
    try {
      driver.get(
          "data:text/html;charset=utf-8,"
              + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
      Thread.sleep(500);

      assertTimeoutPreemptively(
          Duration.ofSeconds(120),
          () ->
              assertThatThrownBy(() -> Capturers.capture(driver, SIX_SECONDS, "stuck"))
                  .isInstanceOf(CaptureException.class)
                  .hasMessageContaining("snapshot 'stuck'")
                  .hasMessageContaining(message)
                  .hasMessageContaining("raise the timeout"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // The stuck page holds the session: quit would wait for the HTTP read timeout and
      // chromedriver would leave the browser behind. End what this test began instead (the
      // browser is still chromedriver's child now), then the service.
      ProcessHandle.current()
          .descendants()
          .filter(process -> !before.contains(process.pid()))
          .collect(Collectors.toList())
          .forEach(ProcessHandle::destroyForcibly);
      service.stop();
    }
  }

  private static Set<Long> descendants() {
    return ProcessHandle.current()
        .descendants()
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
