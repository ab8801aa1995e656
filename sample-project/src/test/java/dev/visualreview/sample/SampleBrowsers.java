package dev.visualreview.sample;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import dev.visualreview.capture.BrowserDiscovery;
import dev.visualreview.capture.playwright.PlaywrightBrowsers;
import dev.visualreview.capture.selenium.SeleniumBrowsers;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/** Starts the system Chromium for the sample's tests: one browser per test class. */
final class SampleBrowsers {

  /**
   * Repaints whole tiles. With partial raster, Chromium re-rasterises only the invalidated part of
   * a tile (after the web font or an image arrives), and the product cards' rounded corners at the
   * edge of such a part were seen to anti-alias differently from one browser start to the next.
   */
  static final String FULL_RASTER = "--disable-partial-raster";

  private SampleBrowsers() {}

  static Browser playwrightChromium(Playwright playwright) {
    BrowserType.LaunchOptions options = PlaywrightBrowsers.launchOptions();
    List<String> args = new ArrayList<>(BrowserDiscovery.HOUSE_FLAGS);
    args.add(FULL_RASTER);
    return playwright.chromium().launch(options.setArgs(args));
  }

  static ChromeDriver seleniumChrome(Viewport viewport) {
    ChromeDriver driver =
        SeleniumBrowsers.launchChrome(options -> options.addArguments(FULL_RASTER));
    viewport.applyTo(driver);
    return driver;
  }
}
