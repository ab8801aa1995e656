package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.playwright.PlaywrightBrowsers;
import dev.visualreview.capture.selenium.SeleniumBrowsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
  private static final CaptureOptions TWO_SECONDS =
      CaptureOptions.builder().timeout(Duration.ofSeconds(2)).build();

  @Test
  void playwrightCaptureOfAStuckPageFailsWithinItsTimeout() {
    try (Playwright playwright = PlaywrightBrowsers.createPlaywright()) {
      Browser browser = PlaywrightBrowsers.launchChromium(playwright);
      Page page = browser.newPage();
      page.setContent(STUCK);
      page.waitForTimeout(500);

      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () ->
              assertThatThrownBy(() -> Capturers.capture(page, TWO_SECONDS, "stuck"))
                  .isInstanceOf(CaptureException.class)
                  .hasMessageContaining("snapshot 'stuck'")
                  .hasMessageContaining("did not answer")
                  .hasMessageContaining("raise the timeout"));
    }
  }

  @Test
  void seleniumCaptureOfAStuckPageFailsWithinItsTimeout() {
    // chromedriver runs a session's commands one after the other, so after the stuck script even
    // quit waits: a short HTTP read timeout lets this test end, and stopping the service ends
    // chromedriver and its browser.
    Set<Long> before = descendants();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(BrowserDiscovery.system().chromedriver().toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver =
        new ChromeDriver(
            service,
            SeleniumBrowsers.chromeOptions(),
            ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(8)));
    try {
      driver.get(
          "data:text/html;charset=utf-8,"
              + URLEncoder.encode(STUCK, StandardCharsets.UTF_8).replace("+", "%20"));
      Thread.sleep(500);

      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () ->
              assertThatThrownBy(() -> Capturers.capture(driver, TWO_SECONDS, "stuck"))
                  .isInstanceOf(CaptureException.class)
                  .hasMessageContaining("snapshot 'stuck'")
                  .hasMessageContaining("did not answer")
                  .hasMessageContaining("raise the timeout"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // chromedriver leaves the browser of a session it could not close: end what this test began
      // (found now, while the browser is still chromedriver's child)
      List<ProcessHandle> started =
          ProcessHandle.current()
              .descendants()
              .filter(process -> !before.contains(process.pid()))
              .collect(Collectors.toList());
      try {
        driver.quit();
      } catch (RuntimeException e) {
        // the stuck page still holds the session: stopping the service ends it
      } finally {
        service.stop();
        started.forEach(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static Set<Long> descendants() {
    return ProcessHandle.current()
        .descendants()
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
