package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import dev.visualreview.UnstableCaptureException;
import dev.visualreview.capture.playwright.PlaywrightCapturer;
import dev.visualreview.capture.selenium.SeleniumCapturer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Takes a snapshot of any supported target. Engines are recognised by class name, and an engine's
 * adapter class is only named in code that runs for that engine's targets, so a user with only
 * Playwright (or only Selenium) on the class path never loads the other engine's classes.
 */
public final class Capturers {
  static final String PLAYWRIGHT_PAGE = "com.microsoft.playwright.Page";
  static final String PLAYWRIGHT_LOCATOR = "com.microsoft.playwright.Locator";
  static final String SELENIUM_WEB_DRIVER = "org.openqa.selenium.WebDriver";
  static final String SELENIUM_WEB_ELEMENT = "org.openqa.selenium.WebElement";

  static final String SUPPORTED_TYPES =
      "a Playwright Page or Locator, a Selenium WebDriver or WebElement, PNG bytes (byte[]), a"
          + " java.nio.file.Path to a PNG file, or a java.awt.image.BufferedImage";

  /** The browser engines, each recognised by the names of its target types. */
  private enum Engine {
    PLAYWRIGHT(PLAYWRIGHT_PAGE, PLAYWRIGHT_LOCATOR),
    SELENIUM(SELENIUM_WEB_DRIVER, SELENIUM_WEB_ELEMENT);

    private final List<String> targetTypes;

    Engine(String... targetTypes) {
      this.targetTypes = List.of(targetTypes);
    }

    boolean recognises(Object target) {
      return targetTypes.stream().anyMatch(type -> isA(target, type));
    }
  }

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
    try {
      return capturerFor(target, snapshotName).capture(target, effective, snapshotName);
    } catch (CaptureException e) {
      throw CaptureFailures.forUser(e);
    }
  }

  private static Capturer capturerFor(Object target, String snapshotName) {
    if (target == null) {
      throw new CaptureException(
          "snapshot '" + snapshotName + "': the capture target is null; pass " + SUPPORTED_TYPES);
    }
    if (ImageSources.supports(target)) {
      return new ImageSources();
    }
    for (Engine engine : Engine.values()) {
      if (engine.recognises(target)) {
        // Each adapter class is resolved only here, when its engine's target is captured.
        return switch (engine) {
          case PLAYWRIGHT -> new PlaywrightCapturer();
          case SELENIUM -> new SeleniumCapturer();
        };
      }
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
      pending.addAll(List.of(type.getInterfaces()));
    }
    return false;
  }
}
