package dev.visualreview.capture.selenium;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.CaptureFailures;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.Capturer;
import dev.visualreview.capture.PageCapture;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;

/**
 * Captures a Selenium {@link WebDriver} (viewport or full page) or {@link WebElement}: checks the
 * target and what the driver can do, opens a {@link SeleniumSession} and runs the engine-neutral
 * {@link PageCapture} on it.
 */
public final class SeleniumCapturer implements Capturer {

  @Override
  public CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    WebDriver driver;
    WebElement element = null;
    if (target instanceof WebElement e) {
      if (options.clip() != null) {
        throw CaptureFailures.clipWithElement(snapshotName, "WebDriver", "WebElement");
      }
      element = e;
      driver = driverOf(e, snapshotName);
    } else if (target instanceof WebDriver d) {
      driver = d;
    } else {
      throw CaptureFailures.of(snapshotName, "not a Selenium WebDriver or WebElement: " + target);
    }
    WebDriver innermost = unwrap(driver);
    requireAbilities(driver, innermost, element, options, snapshotName);
    try {
      SeleniumSession session =
          new SeleniumSession(driver, innermost, element, options, snapshotName);
      if (options.omitBackground()) {
        session.useTransparentBackground();
      }
      return PageCapture.run(session, options, snapshotName);
    } catch (WebDriverException e) {
      throw SeleniumFailures.describe(snapshotName, e, element);
    }
  }

  private static void requireAbilities(
      WebDriver driver,
      WebDriver innermost,
      WebElement element,
      CaptureOptions options,
      String name) {
    if (!(driver instanceof JavascriptExecutor)) {
      throw CaptureFailures.of(
          name,
          driver.getClass().getName()
              + " cannot run JavaScript (not a JavascriptExecutor), which stable captures need");
    }
    if (!(driver instanceof TakesScreenshot)) {
      throw CaptureFailures.of(
          name, driver.getClass().getName() + " cannot take screenshots (not TakesScreenshot)");
    }
    boolean devTools = DevToolsAccess.of(innermost).isPresent();
    if (options.fullPage() && element == null && !devTools) {
      try {
        innermost.getClass().getMethod("getFullPageScreenshotAs", OutputType.class);
      } catch (NoSuchMethodException e) {
        throw noFullPage(name, innermost);
      }
    }
    if (options.omitBackground() && !devTools) {
      throw CaptureFailures.of(
          name,
          "omitBackground needs a Chromium driver (DevTools protocol), not "
              + innermost.getClass().getName());
    }
  }

  static CaptureException noFullPage(String name, WebDriver innermost) {
    return CaptureFailures.of(
        name,
        "full-page screenshots are not supported by "
            + innermost.getClass().getName()
            + ": use a Chromium driver (ChromeDriver, EdgeDriver) or FirefoxDriver, or"
            + " capture the viewport (fullPage(false))");
  }

  private static WebDriver driverOf(WebElement element, String snapshotName) {
    if (element instanceof WrapsDriver wraps) {
      return wraps.getWrappedDriver();
    }
    throw CaptureFailures.of(
        snapshotName,
        "cannot find the WebDriver of this WebElement ("
            + element.getClass().getName()
            + " does not implement WrapsDriver): capture the WebDriver with a clip instead");
  }

  private static WebDriver unwrap(WebDriver driver) {
    WebDriver current = driver;
    for (int i = 0; i < 10 && current instanceof WrapsDriver wraps; i++) {
      WebDriver inner = wraps.getWrappedDriver();
      if (inner == null || inner == current) {
        break;
      }
      current = inner;
    }
    return current;
  }
}
