package dev.visualreview.report;

import static dev.visualreview.run.VerdictBuilder.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureOptions;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.review.LocalReview;
import dev.visualreview.review.ReportFolder;
import dev.visualreview.review.Review;
import dev.visualreview.review.ReviewServer;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.Mode;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report under visual review itself: a fixed outcome rendered, opened in Chromium and
 * captured, compared with the baselines committed in {@code src/test/visual-baselines/}. A change
 * to the report's look fails here with a diff; accept an intended one with {@code
 * -Dvisualreview.update=changed} and commit the new images.
 */
@VisualReview
class ReportPageVisualTest {
  static Playwright playwright;
  static Browser browser;

  @TempDir Path reportDir;

  @BeforeAll
  static void launch() {
    playwright = PlaywrightBrowsers.createPlaywright();
    browser = PlaywrightBrowsers.launchChromium(playwright);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  /** A run with one snapshot of each kind; nothing in it depends on time or machine. */
  RunOutcome fixedOutcome() throws Exception {
    String cart = "images/CartTest--total--price/";
    HtmlReportBrowserTest.png(
        reportDir.resolve(cart + "baseline.png"), 240, 150, Color.WHITE, new Color(40, 90, 200));
    HtmlReportBrowserTest.png(
        reportDir.resolve(cart + "current.png"), 240, 150, Color.WHITE, new Color(200, 60, 40));
    HtmlReportBrowserTest.png(
        reportDir.resolve(cart + "diff.png"), 240, 150, new Color(235, 235, 235), Color.RED);
    HtmlReportBrowserTest.png(
        reportDir.resolve("images/HomeTest--hero--banner/current.png"),
        240,
        150,
        Color.WHITE,
        new Color(30, 150, 80));
    HtmlReportBrowserTest.png(
        reportDir.resolve("images/OldTest--gone--page/baseline.png"),
        240,
        150,
        Color.WHITE,
        Color.GRAY);
    List<SnapshotVerdict> v =
        List.of(
            verdict("CartTest--total--price", SnapshotResult.CHANGED)
                .kind(ChangeKind.PIXEL)
                .diff(20.0, 7200L)
                .ssim(0.9123)
                .rowShift(0)
                .source("CartTest.total()")
                .baseline(cart + "baseline.png")
                .current(cart + "current.png")
                .diffImage(cart + "diff.png")
                .build(),
            verdict("HomeTest--hero--banner", SnapshotResult.NEW)
                .source("HomeTest.hero()")
                .current("images/HomeTest--hero--banner/current.png")
                .note("new baseline recorded: review and commit it.")
                .reviewState(ReviewState.APPROVED)
                .build(),
            verdict("OldTest--gone--page", SnapshotResult.REMOVED)
                .baseline("images/OldTest--gone--page/baseline.png")
                .note("no test produced this snapshot in a full run")
                .build(),
            verdict("HomeTest--ok--<b>markup</b>", SnapshotResult.UNCHANGED)
                .reason(ClassificationReason.EXACT)
                .source("HomeTest.ok()")
                .build());
    return RunOutcome.builder(Mode.LOCAL)
        .runId("local-fixed")
        .run("playwright", "feature/report", "0123456789abcdef")
        .counts(new RunCounts(4, 1, 1, 1, 1, 2))
        .snapshots(v)
        .reviewUrl("target/visual-review/index.html")
        .verdict(Verdict.FAIL, 1)
        .conclusion(new Conclusion.ChangesToReview())
        .build();
  }

  /**
   * The page {@code review} serves for the same run: Accept buttons, the review bar, the reasons
   * why a snapshot cannot be acted on. Sentences that name this machine's folders are masked, at a
   * fixed size.
   */
  @Test
  void servedReviewPage(Snapshots snapshots, @TempDir Path baselines) throws Exception {
    Reports.write(fixedOutcome(), reportDir);
    ReportFolder folder = new ReportFolder(reportDir);
    Review review =
        new LocalReview(
            folder,
            folder.read(),
            baselines,
            BaselineFile.absent(baselines.resolve("snapshots.yml")),
            line -> {});
    try (ReviewServer server = ReviewServer.start(review, 0, line -> {});
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1000, 800))) {
      page.navigate(server.uri().toString());
      assertThat(
              page.locator("section.snap:visible img")
                  .evaluateAll("a => a.every(i => i.naturalWidth > 0)"))
          .isEqualTo(true);
      assertThat(page.locator("button.accept").count()).isEqualTo(1);
      String fixedSize =
          ".review-notice, .why-not { display: block !important; width: 420px; height: 18px;"
              + " overflow: hidden; white-space: nowrap; }";
      snapshots.capture(
          "served",
          page,
          CaptureOptions.builder()
              .fullPage(true)
              .style(fixedSize + " nav#filters { position: static !important; }")
              .mask(".review-notice", ".why-not")
              .build());
    }
  }

  @Test
  void reportPage(Snapshots snapshots) throws Exception {
    Path index = Reports.write(fixedOutcome(), reportDir);
    try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1000, 800))) {
      page.navigate(index.toUri().toString());
      assertThat(
              page.locator("section.snap:visible img")
                  .evaluateAll("a => a.every(i => i.naturalWidth > 0)"))
          .isEqualTo(true);
      snapshots.capture("changes", page);

      page.locator("#filters button[data-filter=all]").click();
      page.locator("section.snap input.slider").fill("25");
      snapshots.capture(
          "all-slider-25",
          page,
          CaptureOptions.builder()
              .fullPage(true)
              // a sticky bar is painted where the viewport was, which moves while the page is
              // stitched: pin it to its place in the document for the full-page capture
              .style("nav#filters { position: static !important; }")
              .build());
    }
  }
}
