package dev.visualreview.sample;

import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/** The screen sizes the sample shop is reviewed at. */
enum Viewport {
  DESKTOP(1280, 800),
  PHONE(390, 844);

  final int width;
  final int height;

  Viewport(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /**
   * Gives a Selenium-driven Chromium exactly this viewport. Headless Chromium's window size
   * includes room for browser chrome, so the window size alone would leave a shorter viewport than
   * Playwright's; the DevTools protocol sets the viewport itself.
   */
  void applyTo(ChromeDriver driver) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }
}
