package dev.visualreview.junit;

import dev.visualreview.capture.CaptureMetadata;
import java.util.Locale;

/**
 * The {@code {engine}} and {@code {browser}} placeholders from a capture's metadata: the engine
 * ({@code playwright}, {@code selenium}, {@code image}) and the browser as that engine names it
 * ({@code chromium}, {@code firefox}, {@code webkit} under Playwright; {@code chrome}, {@code
 * firefox}, {@code msedge}, {@code safari} under Selenium). When only a user agent is known, the
 * browser is taken from it.
 */
final class BrowserName {
  private BrowserName() {}

  static String engine(CaptureMetadata metadata) {
    String engine = metadata.engine();
    return engine == null ? "" : engine.toLowerCase(Locale.ROOT);
  }

  static String browser(CaptureMetadata metadata) {
    String value = metadata.browser();
    if (value == null || value.isBlank()) {
      return "";
    }
    String browser = value.trim();
    if (!browser.contains("/")) {
      String name = browser.toLowerCase(Locale.ROOT).replace(' ', '-');
      return name.equals("microsoftedge") ? "msedge" : name;
    }
    boolean playwright = "playwright".equals(engine(metadata));
    if (browser.contains("Edg/")) {
      return "msedge";
    }
    if (browser.contains("Firefox/")) {
      return "firefox";
    }
    if (browser.contains("Chrome/")) {
      return playwright ? "chromium" : "chrome";
    }
    if (browser.contains("Safari/")) {
      return playwright ? "webkit" : "safari";
    }
    return "";
  }
}
