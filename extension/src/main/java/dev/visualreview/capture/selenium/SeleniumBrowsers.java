package dev.visualreview.capture.selenium;

import dev.visualreview.capture.BrowserDiscovery;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the system chromedriver and Chromium with the house flags: no Selenium Manager look-up, no
 * browser download. Needs {@code selenium-chrome-driver} on the classpath.
 *
 * <pre>{@code
 * WebDriver driver = SeleniumBrowsers.launchChrome();
 * try { ... } finally { driver.quit(); }
 * }</pre>
 */
public final class SeleniumBrowsers {
  /** The window size of launched browsers, the same as Playwright's default viewport. */
  public static final String WINDOW_SIZE = "1280,720";

  private SeleniumBrowsers() {}

  /** Launches headless Chromium through the system chromedriver. */
  public static ChromeDriver launchChrome() {
    return launchChrome(options -> {});
  }

  /** Launches headless Chromium, letting the caller add to the {@link #chromeOptions()}. */
  public static ChromeDriver launchChrome(Consumer<ChromeOptions> customizer) {
    BrowserDiscovery discovery = BrowserDiscovery.system();
    Path chromedriver = discovery.chromedriver();
    ChromeOptions options = chromeOptions();
    customizer.accept(options);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** Chrome options for the discovered system Chromium: binary, headless, house flags. */
  public static ChromeOptions chromeOptions() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BrowserDiscovery.system().chromium().toFile());
    options.addArguments("--headless=new", "--window-size=" + WINDOW_SIZE);
    options.addArguments(BrowserDiscovery.HOUSE_FLAGS);
    return options;
  }
}
