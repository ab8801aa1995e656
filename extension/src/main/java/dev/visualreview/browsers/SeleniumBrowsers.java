package dev.visualreview.browsers;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.openqa.selenium.Dimension;
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
  /** The viewport of launched browsers in CSS pixels, the same as Playwright's default. */
  public static final int VIEWPORT_WIDTH = 1280;

  public static final int VIEWPORT_HEIGHT = 720;

  /**
   * How long chromedriver may take to start: generous, since a loaded machine (a CI runner running
   * other builds) can take far longer than Selenium's default 20 s.
   */
  public static final java.time.Duration START_TIMEOUT = java.time.Duration.ofMinutes(2);

  private SeleniumBrowsers() {}

  /**
   * Launches headless Chromium through the system chromedriver, with a {@value #VIEWPORT_WIDTH}x
   * {@value #VIEWPORT_HEIGHT} viewport.
   */
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
            .withTimeout(START_TIMEOUT)
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      fitViewport(driver);
    } catch (RuntimeException e) {
      driver.quit();
      throw e;
    }
    return driver;
  }

  /**
   * Resizes the window so that the viewport (not the window) is {@value #VIEWPORT_WIDTH}x{@value
   * #VIEWPORT_HEIGHT}: headless Chromium counts its invisible window frame in {@code
   * --window-size}.
   */
  private static void fitViewport(ChromeDriver driver) {
    Object frame =
        driver.executeScript(
            "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];");
    if (frame instanceof java.util.List<?> sizes
        && sizes.size() == 2
        && sizes.get(0) instanceof Number frameWidth
        && sizes.get(1) instanceof Number frameHeight) {
      driver
          .manage()
          .window()
          .setSize(
              new Dimension(
                  VIEWPORT_WIDTH + frameWidth.intValue(),
                  VIEWPORT_HEIGHT + frameHeight.intValue()));
    }
  }

  /** Chrome options for the discovered system Chromium: binary, headless, house flags. */
  public static ChromeOptions chromeOptions() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BrowserDiscovery.system().chromium().toFile());
    options.addArguments(
        "--headless=new", "--window-size=" + VIEWPORT_WIDTH + "," + VIEWPORT_HEIGHT);
    options.addArguments(BrowserDiscovery.HOUSE_FLAGS);
    return options;
  }
}
