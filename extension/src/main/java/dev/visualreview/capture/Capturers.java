package dev.visualreview.capture;

import dev.visualreview.CaptureOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Takes a snapshot of any supported target. Engines are recognised by class name, so a user with
 * only Playwright (or only Selenium) on the classpath never loads the other engine's classes.
 */
public final class Capturers {
  static final String PLAYWRIGHT_PAGE = "com.microsoft.playwright.Page";
  static final String PLAYWRIGHT_LOCATOR = "com.microsoft.playwright.Locator";
  static final String SELENIUM_WEB_DRIVER = "org.openqa.selenium.WebDriver";
  static final String SELENIUM_WEB_ELEMENT = "org.openqa.selenium.WebElement";

  static final String SUPPORTED_TYPES =
      "a Playwright Page or Locator, a Selenium WebDriver or WebElement, PNG bytes (byte[]), a"
          + " java.nio.file.Path to a PNG file, or a java.awt.image.BufferedImage";

  private Capturers() {}

  /**
   * Captures {@code target} as a PNG.
   *
   * @param target a Playwright {@code Page}/{@code Locator}, a Selenium {@code WebDriver}/{@code
   *     WebElement}, {@code byte[]} PNG, {@link java.nio.file.Path} or {@link
   *     java.awt.image.BufferedImage}
   * @param options how to capture; null means {@link CaptureOptions#defaults()}
   * @param snapshotName used in error messages
   * @throws CaptureException when the target cannot be captured, with the reason and the fix
   * @throws UnstableCaptureException when the page never settled
   */
  public static CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    Objects.requireNonNull(snapshotName, "snapshotName");
    CaptureOptions effective = options == null ? CaptureOptions.defaults() : options;
    if (target == null) {
      throw new CaptureException(
          "snapshot '" + snapshotName + "': the capture target is null; pass " + SUPPORTED_TYPES);
    }
    if (ImageSources.supports(target)) {
      return ImageSources.capture(target, effective, snapshotName);
    }
    if (isA(target, PLAYWRIGHT_PAGE) || isA(target, PLAYWRIGHT_LOCATOR)) {
      return dev.visualreview.capture.playwright.PlaywrightCapturer.capture(
          target, effective, snapshotName);
    }
    if (isA(target, SELENIUM_WEB_DRIVER) || isA(target, SELENIUM_WEB_ELEMENT)) {
      return dev.visualreview.capture.selenium.SeleniumCapturer.capture(
          target, effective, snapshotName);
    }
    throw new CaptureException(
        "snapshot '"
            + snapshotName
            + "': cannot capture a "
            + target.getClass().getName()
            + "; pass "
            + SUPPORTED_TYPES);
  }

  /** Whether the object's class or any supertype has this name; loads no engine class. */
  public static boolean isA(Object target, String className) {
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.add(target.getClass());
    while (!pending.isEmpty()) {
      Class<?> type = pending.poll();
      if (!seen.add(type)) {
        continue;
      }
      if (type.getName().equals(className)) {
        return true;
      }
      if (type.getSuperclass() != null) {
        pending.add(type.getSuperclass());
      }
      pending.addAll(java.util.List.of(type.getInterfaces()));
    }
    return false;
  }
}
