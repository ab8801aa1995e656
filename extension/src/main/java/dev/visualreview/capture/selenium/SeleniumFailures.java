package dev.visualreview.capture.selenium;

import dev.visualreview.CaptureException;
import dev.visualreview.capture.CaptureFailures;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/** Selenium's errors in the user's words, with Selenium's own error as the one cause. */
final class SeleniumFailures {
  private SeleniumFailures() {}

  static CaptureException describe(String snapshotName, WebDriverException e, WebElement element) {
    if (e instanceof NoSuchWindowException) {
      return CaptureFailures.engine(
          snapshotName,
          "the browser window was closed: switch to an open window"
              + " (driver.switchTo().window(...)) before capturing",
          e);
    }
    if (e instanceof NoSuchSessionException) {
      return CaptureFailures.engine(
          snapshotName,
          "the WebDriver session has ended (quit, or the browser went away): capture before"
              + " driver.quit()",
          e);
    }
    if (e instanceof StaleElementReferenceException && element != null) {
      return CaptureFailures.detached(snapshotName, describe(element));
    }
    return CaptureFailures.engine(
        snapshotName,
        "Selenium could not take the screenshot ("
            + firstLine(e)
            + "): see the cause for Selenium's details",
        e);
  }

  /**
   * A WebElement as its locator, e.g. {@code id: flat} from {@code [[ChromeDriver: ...] -> id:
   * flat]}, or its own description.
   */
  static String describe(WebElement element) {
    String text = String.valueOf(element);
    int arrow = text.lastIndexOf("-> ");
    if (arrow >= 0 && text.endsWith("]")) {
      return text.substring(arrow + 3, text.length() - 1);
    }
    return text;
  }

  /** Selenium's own message without the build, system and driver information it appends. */
  static String firstLine(WebDriverException e) {
    String message = e.getRawMessage() != null ? e.getRawMessage() : String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return (end >= 0 ? message.substring(0, end) : message).trim();
  }
}
