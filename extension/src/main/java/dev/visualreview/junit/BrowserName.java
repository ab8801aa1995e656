package dev.visualreview.junit;

import dev.visualreview.capture.CaptureMetadata;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code {engine}} and {@code {browser}} placeholders from a capture's metadata: the engine
 * ({@code playwright}, {@code selenium}, {@code image}) and the browser as that engine names it
 * ({@code chromium}, {@code firefox}, {@code webkit} under Playwright; {@code chrome}, {@code
 * firefox}, {@code msedge}, {@code safari} under Selenium). When only a user agent is known, the
 * browser is taken from it.
 */
final class BrowserName {
  private BrowserName() {}

  static String engine(Map<String, Object> metadata) {
    Object engine = metadata.get(CaptureMetadata.ENGINE);
    return engine == null ? "" : engine.toString().toLowerCase(Locale.ROOT);
  }

  static String browser(Map<String, Object> metadata) {
    Object value = metadata.get(CaptureMetadata.BROWSER);
    if (value == null || value.toString().isBlank()) {
      return "";
    }
    String browser = value.toString().trim();
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
