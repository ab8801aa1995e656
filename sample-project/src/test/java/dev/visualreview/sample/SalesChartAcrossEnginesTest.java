package dev.visualreview.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CapturedSnapshot;
import dev.visualreview.Snapshots;
import dev.visualreview.StableScreenshot;
import dev.visualreview.VisualReview;
import dev.visualreview.browsers.PlaywrightBrowsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One baseline for both engines. The chart's snapshot is recorded once, under an identifier that
 * names no engine ({@code SalesChartAcrossEnginesTest--salesChart--sales-chart}), from Playwright;
 * the same chart captured through Selenium must have the very same pixels, or this test fails. So a
 * suite can move between Playwright and Selenium, or run either, without re-approving a baseline
 * whose pixels did not change.
 */
@VisualReview
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesChartAcrossEnginesTest {

  private SampleApp app;
  private Playwright playwright;
  private Browser browser;
  private ChromeDriver driver;

  @BeforeAll
  void startShopAndBrowsers() {
    app = SampleApp.start();
    playwright = PlaywrightBrowsers.createPlaywright();
    browser = SampleBrowsers.playwrightChromium(playwright);
    driver = SampleBrowsers.seleniumChrome(Viewport.DESKTOP);
  }

  @AfterAll
  void stopBrowsersAndShop() {
    if (driver != null) {
      driver.quit();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void salesChart(Snapshots snapshots) {
    Page page =
        browser.newPage(
            new Browser.NewPageOptions()
                .setViewportSize(Viewport.DESKTOP.width, Viewport.DESKTOP.height));
    page.navigate(app.url("/"));
    driver.get(app.url("/"));

    CapturedSnapshot shared = snapshots.capture("sales-chart", page.locator("#sales-chart"));
    StableScreenshot throughSelenium =
        StableScreenshot.of(driver.findElement(By.id("sales-chart")));

    assertThat(throughSelenium.contentHash())
        .as("content hash of the chart captured through Selenium")
        .isEqualTo(shared.contentHash());
  }
}
