package dev.visualreview.capture.selenium;

import dev.visualreview.CaptureOptions;
import dev.visualreview.browsers.SeleniumBrowsers;
import dev.visualreview.capture.Capturers;
import dev.visualreview.capture.EarlierBuild;
import dev.visualreview.capture.TestPages;
import dev.visualreview.capture.Timings;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The cost of a stable Selenium capture against a plain {@code getScreenshotAs} on the same settled
 * page. Run by {@code bench/compare-capture.sh}; the same arguments as {@code
 * PlaywrightCaptureCost}.
 */
public final class SeleniumCaptureCost {
  private SeleniumCaptureCost() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    EarlierBuild earlier = args.length > 2 ? new EarlierBuild(Path.of(args[2])) : null;
    ChromeDriver driver = SeleniumBrowsers.launchChrome();
    try (TestPages pages = new TestPages()) {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of(
              "width",
              TestPages.VIEWPORT_WIDTH,
              "height",
              TestPages.VIEWPORT_HEIGHT,
              "deviceScaleFactor",
              1,
              "mobile",
              false));
      driver.get(pages.url("/settled"));
      CaptureOptions stable = CaptureOptions.defaults();
      CaptureOptions strict = stable.toBuilder().strictStability(true).build();
      Timings timings =
          new Timings()
              .add("getScreenshotAs(BYTES)", () -> driver.getScreenshotAs(OutputType.BYTES))
              .add("capture, stable (default)", () -> Capturers.capture(driver, stable, "b"));
      if (earlier != null) {
        timings.add(
            "capture, stable (default), earlier build", () -> earlier.capture(driver, false, "b"));
      }
      timings
          .add("capture, strict stability", () -> Capturers.capture(driver, strict, "b"))
          .run(warmup, rounds);
      System.out.println(
          "\nSelenium, viewport 1280x720 (/settled), "
              + rounds
              + " interleaved rounds after "
              + warmup
              + " warm-up rounds:\n");
      System.out.print(timings.table("getScreenshotAs(BYTES)"));
    } finally {
      driver.quit();
    }
  }
}
