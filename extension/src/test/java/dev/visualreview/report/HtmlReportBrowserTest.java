package dev.visualreview.report;

import static dev.visualreview.report.ReportFixtures.ONERROR;
import static dev.visualreview.report.ReportFixtures.SCRIPT;
import static dev.visualreview.run.VerdictBuilder.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.Mode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens a generated report in headless Chromium and uses it the way a person would. */
class HtmlReportBrowserTest {
  static Playwright playwright;
  static Browser browser;

  @TempDir Path reportDir;

  @BeforeAll
  static void launch() {
    playwright = Playwright.create();
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

  static void png(Path file, int w, int h, Color fill, Color box) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(fill);
    g.fillRect(0, 0, w, h);
    g.setColor(box);
    g.fillRect(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  /** A report like the local backend writes: images under images/, paths relative. */
  RunOutcome writeImagesAndOutcome() throws Exception {
    png(
        reportDir.resolve("images/Cart--total--price/baseline.png"),
        120,
        80,
        Color.WHITE,
        Color.BLUE);
    png(
        reportDir.resolve("images/Cart--total--price/current.png"),
        120,
        80,
        Color.WHITE,
        Color.RED);
    png(
        reportDir.resolve("images/Cart--total--price/diff.png"),
        120,
        80,
        Color.LIGHT_GRAY,
        Color.RED);
    png(reportDir.resolve("images/Home--hero--new/current.png"), 100, 60, Color.WHITE, Color.GREEN);
    png(reportDir.resolve("images/Home--ok--same/current.png"), 100, 60, Color.WHITE, Color.BLACK);
    List<SnapshotVerdict> v = new ArrayList<>();
    v.add(
        verdict("Cart--total--price", SnapshotResult.CHANGED)
            .kind(ChangeKind.PIXEL)
            .diff(25.0, 2400L)
            .ssim(0.8123)
            .rowShift(0)
            .source("CartTest.total()")
            .images("images/Cart--total--price")
            .build());
    v.add(
        verdict("Home--hero--new", SnapshotResult.NEW)
            .source("HomeTest.hero()")
            .current("images/Home--hero--new/current.png")
            .note("no baseline: recorded as new baseline")
            .build());
    v.add(
        verdict("Gone--x--y", SnapshotResult.REMOVED).note("baseline no longer produced").build());
    v.add(
        verdict("Evil" + SCRIPT, SnapshotResult.CHANGED)
            .source("Evil." + ONERROR + "()")
            .note("no baseline image on this machine " + SCRIPT)
            .build());
    v.add(
        verdict("Home--ok--same", SnapshotResult.UNCHANGED)
            .reason(ClassificationReason.EXACT)
            .source("HomeTest.ok()")
            .current("images/Home--ok--same/current.png")
            .build());
    return RunOutcome.builder(Mode.LOCAL)
        .runId("local-1")
        .run("playwright", "feature/" + SCRIPT, "abc")
        .counts(new RunCounts(5, 1, 2, 1, 1, 4))
        .snapshots(v)
        .reviewUrl("target/" + SCRIPT + "/index.html")
        .verdict(Verdict.FAIL, 1)
        .conclusion(new Conclusion.ChangesToReview())
        .build();
  }

  @Test
  void aPersonCanFilterSlideAndNavigate() throws Exception {
    Path index = Reports.write(writeImagesAndOutcome(), reportDir);
    try (Page page = browser.newPage()) {
      List<String> consoleErrors = new ArrayList<>();
      page.onConsoleMessage(
          m -> {
            if (m.type().equals("error")) {
              consoleErrors.add(m.text());
            }
          });
      List<String> requests = new ArrayList<>();
      page.onRequest(r -> requests.add(r.url()));
      page.navigate(index.toUri().toString());

      assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
      assertThat(page.locator("#verdict").textContent()).isEqualTo("FAIL");
      assertThat(page.locator("li[data-count=changed] .n").textContent()).isEqualTo("2");
      assertThat(page.locator("li[data-count=new] .n").textContent()).isEqualTo("1");
      assertThat(page.locator("li[data-count=removed] .n").textContent()).isEqualTo("1");
      // a local report's review URL is the page itself: the header does not point there
      assertThat(page.locator("#summary").textContent())
          .isEqualTo(
              "Visual changes detected: 2 changed and 1 new snapshots need review; 1 baseline no"
                  + " longer used: delete it, or prune with -Dvisualreview.update=all");
      assertThat(page.locator(".meta").textContent()).contains("feature/" + SCRIPT);

      // default view: the changes, unchanged hidden
      Locator visible = page.locator("section.snap:visible");
      assertThat(visible.count()).isEqualTo(4);
      assertThat(page.locator("#shown").textContent()).isEqualTo("4 shown");
      assertThat(page.locator("section.snap:visible .identifier").allTextContents())
          .contains("Evil" + SCRIPT);

      // the changed snapshot shows baseline, current and diff, all loaded
      Locator cart =
          page.locator("section.snap", new Page.LocatorOptions().setHasText("Cart--total--price"));
      for (String role : List.of("baseline", "current", "diff")) {
        Locator img = cart.locator("figure." + role + " img");
        assertThat(img.count()).as(role).isEqualTo(1);
        assertThat(img.evaluate("i => i.complete && i.naturalWidth")).as(role).isEqualTo(120);
      }
      assertThat(cart.locator("dl.facts").textContent())
          .contains("25.00%")
          .contains("0.8123")
          .contains("pixel");

      // the overlay slider reveals more of the current image as it moves
      Locator slider = cart.locator("input.slider");
      Locator top = cart.locator(".overlay .top");
      assertThat(top.evaluate("e => e.style.clipPath")).isEqualTo("inset(0px 0px 0px 50%)");
      slider.fill("10");
      assertThat(top.evaluate("e => e.style.clipPath")).isEqualTo("inset(0px 0px 0px 10%)");
      assertThat(cart.locator(".overlay img.base").evaluate("i => i.naturalWidth")).isEqualTo(120);

      // the note says plainly that there is no baseline image
      Locator evil = page.locator("section.snap", new Page.LocatorOptions().setHasText("Evil"));
      assertThat(evil.locator("p.note").textContent())
          .contains("no baseline image on this machine");
      assertThat(evil.locator("img").count()).isZero();

      // filters
      page.locator("#filters button[data-filter=unchanged]").click();
      assertThat(page.locator("section.snap:visible .identifier").allTextContents())
          .containsExactly("Home--ok--same");
      assertThat(page.locator("section.snap:visible img").evaluate("i => i.naturalWidth"))
          .isEqualTo(100);
      page.locator("#filters button[data-filter=removed]").click();
      assertThat(page.locator("section.snap:visible .identifier").allTextContents())
          .containsExactly("Gone--x--y");
      page.locator("#filters button[data-filter=new]").click();
      assertThat(page.locator("section.snap:visible .identifier").allTextContents())
          .containsExactly("Home--hero--new");
      page.locator("#filters button[data-filter=all]").click();
      assertThat(page.locator("section.snap:visible").count()).isEqualTo(5);
      assertThat(page.locator("#filters button[data-filter=all]").getAttribute("aria-pressed"))
          .isEqualTo("true");

      // keyboard: j moves to the first change, j again to the next, k back
      page.locator("h1").click();
      page.keyboard().press("j");
      assertThat(page.locator("section.snap.current .identifier").textContent())
          .isEqualTo("Cart--total--price");
      page.keyboard().press("j");
      assertThat(page.locator("section.snap.current .identifier").textContent())
          .isEqualTo("Home--hero--new");
      page.keyboard().press("ArrowRight");
      assertThat(page.locator("section.snap.current .identifier").textContent())
          .isEqualTo("Gone--x--y");
      page.keyboard().press("k");
      assertThat(page.locator("section.snap.current .identifier").textContent())
          .isEqualTo("Home--hero--new");

      assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
      assertThat(requests).allMatch(u -> u.startsWith("file:"));
      assertThat(consoleErrors).isEmpty();
    }
  }

  static dev.visualreview.run.Snapshot snapshotOf(String id, Path png) throws Exception {
    byte[] bytes = Files.readAllBytes(png);
    var hash = dev.visualreview.image.ContentHash.of(bytes);
    return new dev.visualreview.run.Snapshot(
        id, bytes, hash.contentHash(), hash.width(), hash.height(), java.util.Map.of(), "T.m()");
  }

  @Test
  void aReportFromTheLocalBackendShowsTheRealDiff(@TempDir Path work) throws Exception {
    Path baselines = work.resolve("src/test/visual-baselines");
    png(baselines.resolve("Shop--cart--total.png"), 160, 100, Color.WHITE, Color.BLUE);
    png(work.resolve("in/current.png"), 160, 100, Color.WHITE, Color.ORANGE);
    var settings =
        dev.visualreview.run.local.LocalBackend.Settings.builder(work, false, java.util.Map.of())
            .imageStore(work.resolve("store"), 10_000_000)
            .reportDir(reportDir)
            .build();
    var backend = new dev.visualreview.run.local.LocalBackend(settings);
    backend.open();
    backend.judgeNow(List.of(snapshotOf("Shop--cart--total", work.resolve("in/current.png"))));
    Path index = Reports.write(backend.complete(), reportDir);

    try (Page page = browser.newPage()) {
      page.navigate(index.toUri().toString());
      assertThat(page.locator("li[data-count=changed] .n").textContent()).isEqualTo("1");
      Locator card = page.locator("section.snap[data-result=changed]");
      assertThat(card.locator(".identifier").textContent()).isEqualTo("Shop--cart--total");
      assertThat(card.locator("dl.facts").textContent()).contains("25.00%").contains("pixel");
      for (String role : List.of("baseline", "current", "diff")) {
        assertThat(card.locator("figure." + role + " img").evaluate("i => i.naturalWidth"))
            .as(role)
            .isEqualTo(160);
      }
      // what a person sees in the diff column: the changed box is marked in red
      byte[] shot = card.locator("figure.diff img").screenshot();
      BufferedImage seen = ImageIO.read(new java.io.ByteArrayInputStream(shot));
      Color centre = new Color(seen.getRGB(seen.getWidth() / 2, seen.getHeight() / 2), true);
      assertThat(centre.getRed()).as("red channel of a changed pixel").isGreaterThan(200);
      assertThat(centre.getGreen()).as("green channel of a changed pixel").isLessThan(100);
    }
  }
}
