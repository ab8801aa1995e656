package dev.visualreview.sample;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.browsers.SeleniumBrowsers;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Starts the system Chromium for the sample's tests: one browser per test class, with the library's
 * house flags ({@code BrowserDiscovery.HOUSE_FLAGS}) and nothing else.
 */
final class SampleBrowsers {

  private SampleBrowsers() {}

  static Browser playwrightChromium(Playwright playwright) {
    return PlaywrightBrowsers.launchChromium(playwright);
  }

  static ChromeDriver seleniumChrome(Viewport viewport) {
    ChromeDriver driver = SeleniumBrowsers.launchChrome();
    viewport.applyTo(driver);
    return driver;
  }
}
