package dev.visualreview.capture.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureOptions;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.capture.Capturers;
import dev.visualreview.capture.EarlierBuild;
import dev.visualreview.capture.TestPages;
import dev.visualreview.capture.Timings;
import java.nio.file.Path;

/**
 * The cost of a stable capture against a plain {@code page.screenshot()} on the same settled page.
 * Run by {@code bench/compare-capture.sh}; prints Markdown tables for BENCHMARKS.md.
 *
 * <p>Arguments: warm-up rounds (default 20), measured rounds (default 100; a fifth of both for the
 * full page), and optionally the classes directory of an earlier build of this library, whose
 * default capture is timed in the same rounds.
 */
public final class PlaywrightCaptureCost {
  private PlaywrightCaptureCost() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    EarlierBuild earlier = args.length > 2 ? new EarlierBuild(Path.of(args[2])) : null;
    try (TestPages pages = new TestPages();
        Playwright playwright = PlaywrightBrowsers.createPlaywright();
        Browser browser = PlaywrightBrowsers.launchChromium(playwright)) {
      Page page =
          browser.newPage(
              new Browser.NewPageOptions()
                  .setViewportSize(TestPages.VIEWPORT_WIDTH, TestPages.VIEWPORT_HEIGHT));
      for (boolean fullPage : new boolean[] {false, true}) {
        page.navigate(pages.url(fullPage ? "/tall" : "/settled"));
        // A full-page capture of /tall takes ~10x a viewport one: fewer rounds keep the run short.
        int measured = fullPage ? Math.max(10, rounds / 5) : rounds;
        CaptureOptions stable = CaptureOptions.builder().fullPage(fullPage).build();
        CaptureOptions strict = stable.toBuilder().strictStability(true).build();
        CaptureOptions single = stable.toBuilder().stable(false).build();
        Page.ScreenshotOptions plainOptions = new Page.ScreenshotOptions().setFullPage(fullPage);
        Timings timings =
            new Timings()
                .add("page.screenshot()", () -> page.screenshot(plainOptions))
                .add("capture, stable (default)", () -> Capturers.capture(page, stable, "b"));
        if (earlier != null) {
          timings.add(
              "capture, stable (default), earlier build",
              () -> earlier.capture(page, fullPage, "b"));
        }
        timings
            .add("capture, strict stability", () -> Capturers.capture(page, strict, "b"))
            .add("capture, stable(false)", () -> Capturers.capture(page, single, "b"))
            .run(fullPage ? Math.max(2, warmup / 5) : warmup, measured);
        System.out.println(
            "\nPlaywright, "
                + (fullPage ? "full page 1280x6060 (/tall)" : "viewport 1280x720 (/settled)")
                + ", "
                + measured
                + " interleaved rounds:\n");
        System.out.print(timings.table("page.screenshot()"));
      }
    }
  }
}
