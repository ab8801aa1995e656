package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.browsers.SeleniumBrowsers;
import dev.visualreview.run.Snapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/** {@code {browser}} in the identifier template keeps each browser's snapshots apart. */
class BrowserPlaceholderTest {
  @TempDir Path reportDir;

  @BeforeEach
  void resetBackend() {
    RecordingBackend.reset(RecordingBackend.Script.clean());
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class SamePageTwoEngines {
    private static final String PAGE = "<h1 style='font:24px sans-serif'>Fernbrook</h1>";

    @Test
    void heading(Snapshots snapshots) {
      try (Playwright playwright = PlaywrightBrowsers.createPlaywright();
          Browser browser = PlaywrightBrowsers.launchChromium(playwright)) {
        Page page = browser.newPage();
        page.setContent(PAGE);
        snapshots.capture("heading", page);
      }
      ChromeDriver driver = SeleniumBrowsers.launchChrome();
      try {
        driver.get("data:text/html;charset=utf-8," + PAGE);
        snapshots.capture("heading", driver);
      } finally {
        driver.quit();
      }
    }
  }

  @Test
  void eachEngineAndBrowserGetsItsOwnIdentifier() {
    new VisualReviewKit(reportDir)
        .with(ConfigKeys.IDENTIFIER_TEMPLATE, "{class}--{method}--{name}--{engine}-{browser}")
        .run(SamePageTwoEngines.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(RecordingBackend.only().allSnapshots())
        .extracting(Snapshot::identifier)
        .containsExactly(
            "SamePageTwoEngines--heading--heading--playwright-chromium",
            "SamePageTwoEngines--heading--heading--selenium-chrome");
  }
}
