package dev.visualreview.sample;

import dev.visualreview.CaptureOptions;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The shop's pages through Selenium: viewport, element and full-page snapshots. */
@VisualReview
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopSeleniumTest {

  private static final CaptureOptions MASK_CLOCK = CaptureOptions.builder().mask("#clock").build();

  private SampleApp app;
  private ChromeDriver driver;

  @BeforeAll
  void startShopAndBrowser() {
    app = SampleApp.start();
    driver = SampleBrowsers.seleniumChrome(Viewport.DESKTOP);
  }

  @AfterAll
  void stopBrowserAndShop() {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void homePageInDarkTheme(Snapshots snapshots) {
    driver.get(app.url("/?theme=dark"));

    snapshots.capture("home-dark", driver, MASK_CLOCK);
  }

  @Test
  void productCard(Snapshots snapshots) {
    driver.get(app.url("/"));

    snapshots.capture("first-product", driver.findElement(By.cssSelector("#products li")));
  }

  /** Selenium has no full-page screenshot of its own; the library captures beyond the viewport. */
  @Test
  void careGuideFullPageInDarkTheme(Snapshots snapshots) {
    driver.get(app.url("/guide.html?theme=dark"));

    snapshots.capture("care-guide-dark", driver, MASK_CLOCK.toBuilder().fullPage(true).build());
  }
}
