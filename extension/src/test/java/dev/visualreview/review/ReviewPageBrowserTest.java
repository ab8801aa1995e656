package dev.visualreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import dev.visualreview.browsers.PlaywrightBrowsers;
import java.awt.Color;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served review page in headless Chromium, used as a person would: accept one change, accept
 * all, leave one alone, look at images full size, toggle baseline and current; and a page on
 * another origin that tries to accept through it.
 */
class ReviewPageBrowserTest {
  static final byte[] BLUE = LocalRun.page(new Color(40, 90, 200));
  static final byte[] RED = LocalRun.page(new Color(200, 60, 40));
  static final byte[] GREEN = LocalRun.page(new Color(30, 150, 80));
  static final double WAIT = 60_000; // a busy machine: generous waits, never asserted on time

  static Playwright playwright;
  static Browser browser;

  @TempDir Path module;
  LocalRun run;
  ReviewServer server;
  Page page;
  final List<String> log = new ArrayList<>();
  final List<String> consoleErrors = new ArrayList<>();

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

  /** Cart and Header changed, Hero is new. */
  @BeforeEach
  void serveARun() throws Exception {
    run =
        new LocalRun(module)
            .baseline("Shop--cart--total", BLUE)
            .baseline("Shop--header--bar", BLUE)
            .shot("Shop--cart--total", RED)
            .shot("Shop--header--bar", GREEN)
            .shot("Shop--hero--banner", GREEN);
    run.run();
    server = ReviewServer.start(run.review(log), 0, log::add);
    page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1100, 900));
    page.setDefaultTimeout(WAIT);
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error")) {
            consoleErrors.add(m.text());
          }
        });
    page.navigate(server.uri().toString());
  }

  @AfterEach
  void stop() {
    if (page != null) {
      page.close();
    }
    server.close();
  }

  Locator card(String id) {
    return page.locator("section.snap[data-identifier='" + id + "']");
  }

  void awaitReviewState(String id, String state) {
    page.waitForSelector(
        "section.snap[data-identifier='" + id + "'] dl.facts dd:text-is('" + state + "')",
        new Page.WaitForSelectorOptions().setTimeout(WAIT));
  }

  @Test
  void acceptOneLeavesTheOthersAlone() throws Exception {
    assertThat(page.locator("#verdict").textContent()).isEqualTo("FAIL");
    assertThat(card("Shop--cart--total").locator("button.accept").isVisible()).isTrue();

    card("Shop--cart--total").locator("button.accept").click();
    awaitReviewState("Shop--cart--total", "approved");

    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(RED);
    assertThat(run.baselineBytes("Shop--header--bar")).isEqualTo(BLUE);
    assertThat(Files.exists(run.baselines.resolve("Shop--hero--banner.png"))).isFalse();
    assertThat(page.locator("#review-status").textContent()).contains("accepted Shop--cart--total");
    assertThat(card("Shop--cart--total").locator("button.accept").count()).isZero();
    assertThat(card("Shop--header--bar").locator("button.accept").count()).isEqualTo(1);
    assertThat(page.locator("li[data-count=unresolved] .n").textContent()).isEqualTo("2");
    assertThat(page.locator("#accept-all").textContent()).isEqualTo("Accept all (2)");
    assertThat(Files.readString(run.reportDir.resolve("result.json"))).contains("\"approved\"");

    // Done stops the server; the two left alone still need review
    page.locator("#done").click();
    page.waitForSelector("#review-status:has-text('has stopped')");
    server.awaitStop();
    assertThat(run.folder().read().outcome().counts().unresolved()).isEqualTo(2);
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void acceptAllAcceptsEveryChangeAndThePagePasses() throws Exception {
    page.locator("#accept-all").click();
    page.waitForSelector("#verdict:text-is('PASS')");

    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(RED);
    assertThat(run.baselineBytes("Shop--header--bar")).isEqualTo(GREEN);
    assertThat(run.baselineBytes("Shop--hero--banner")).isEqualTo(GREEN);
    assertThat(page.locator("button.accept").count()).isZero();
    assertThat(page.locator("#accept-all").count()).isZero();
    assertThat(page.locator("li[data-count=unresolved] .n").textContent()).isEqualTo("0");
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void theKeyboardMovesAndAccepts() throws Exception {
    page.locator("h1").click();
    page.keyboard().press("j");
    page.keyboard().press("j");
    assertThat(page.locator("section.snap.current").getAttribute("data-identifier"))
        .isEqualTo("Shop--header--bar");
    page.keyboard().press("a");
    awaitReviewState("Shop--header--bar", "approved");
    assertThat(run.baselineBytes("Shop--header--bar")).isEqualTo(GREEN);
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(BLUE);
    // after the reload the accepted card is selected again
    page.waitForSelector("section.snap.current[data-identifier='Shop--header--bar']");
  }

  @Test
  void imagesOpenFullSizeAndTheComparisonToggles() {
    Locator cart = card("Shop--cart--total");
    cart.locator("figure.current a.zoom").click();
    Locator viewer = page.locator("#viewer");
    viewer.waitFor();
    Locator img = page.locator("#viewer-img");
    page.waitForFunction("() => document.getElementById('viewer-img').naturalWidth > 0");
    assertThat(img.evaluate("i => i.naturalWidth")).isEqualTo(200);
    assertThat(img.evaluate("i => i.getBoundingClientRect().width")).isEqualTo(200);
    assertThat(page.locator("#viewer-title").textContent()).contains("current");
    page.locator(".viewer-roles button[data-role=diff]").click();
    assertThat(img.getAttribute("src")).endsWith("diff.png");
    page.keyboard().press("Escape");
    assertThat(viewer.isHidden()).isTrue();

    Locator top = cart.locator(".overlay .top");
    cart.locator(".compare-modes button[data-mode=toggle]").click();
    assertThat(cart.locator(".showing").textContent()).isEqualTo("showing baseline");
    assertThat(top.evaluate("e => e.style.clipPath")).isEqualTo("inset(0px 0px 0px 100%)");
    cart.locator(".compare-modes button[data-mode=toggle]").click();
    assertThat(cart.locator(".showing").textContent()).isEqualTo("showing current");
    assertThat(cart.locator("input.slider").isVisible()).isFalse();
    cart.locator(".compare-modes button[data-mode=blink]").click();
    page.waitForFunction(
        "() => document.querySelector(\"section.snap[data-identifier='Shop--cart--total']"
            + " .showing\").textContent === 'showing current'");
    cart.locator(".compare-modes button[data-mode=slider]").click();
    assertThat(cart.locator("input.slider").isVisible()).isTrue();
    assertThat(cart.locator("ul.legend").textContent()).contains("changed pixel", "anti-aliased");
  }

  @Test
  void aPageOnAnotherOriginCannotAcceptThroughTheServer() throws Exception {
    HttpServer evil =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String target = server.uri().toString();
    byte[] html =
        ("<!doctype html><html><body>"
                + "<form id=f method=post action='"
                + target
                + "accept' enctype='text/plain'>"
                + "<input name='{\"all\":true,\"x\":\"' value='\"}'></form>"
                + "<script>"
                + "window.results = [];"
                + "fetch('"
                + target
                + "accept', {method:'POST', headers:{'Content-Type':'application/json'},"
                + " body: JSON.stringify({all:true})})"
                + ".then(r => results.push('json:' + r.status), e => results.push('json:blocked'));"
                + "fetch('"
                + target
                + "accept', {method:'POST', mode:'no-cors', body:'{\"all\":true}'})"
                + ".then(r => results.push('no-cors:' + r.type), e => results.push('no-cors:blocked'));"
                + "fetch('"
                + target
                + "').then(r => r.text()).then(t => results.push('read:' + t.length),"
                + " e => results.push('read:blocked'));"
                + "</script></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    evil.createContext(
        "/",
        x -> {
          x.getResponseHeaders().set("Content-Type", "text/html");
          x.sendResponseHeaders(200, html.length);
          x.getResponseBody().write(html);
          x.close();
        });
    evil.start();
    try (Page attacker = browser.newPage()) {
      attacker.setDefaultTimeout(WAIT);
      attacker.navigate("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
      attacker.waitForFunction("() => window.results.length === 3");
      @SuppressWarnings("unchecked")
      List<String> results = (List<String>) attacker.evaluate("() => window.results");
      assertThat(results)
          .contains("json:blocked", "read:blocked") // no CORS: neither sent with JSON nor read
          .anyMatch(r -> r.startsWith("no-cors:"));
      // and the plain form post, which browsers send without asking
      attacker.evaluate("() => document.getElementById('f').submit()");
      attacker.waitForLoadState();
    } finally {
      evil.stop(0);
    }
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(BLUE);
    assertThat(run.baselineBytes("Shop--header--bar")).isEqualTo(BLUE);
    assertThat(Files.exists(run.baselines.resolve("Shop--hero--banner.png"))).isFalse();
    assertThat(log).anyMatch(l -> l.contains("refused a POST to /accept"));
    assertThat(run.folder().read().outcome().counts().unresolved()).isEqualTo(3);
  }

  @Test
  void theStaticReportSaysHowToAcceptAndDoesNotLinkToItself() {
    Path index = run.reportDir.resolve("index.html");
    page.navigate(index.toUri().toString());
    assertThat(page.locator("#how-to-accept").textContent())
        .contains("java -jar visual-review.jar review", "--accept-all", "127.0.0.1");
    assertThat(card("Shop--cart--total").locator("p.accept-command").textContent())
        .contains("java -jar visual-review.jar review --accept Shop--cart--total");
    assertThat(page.locator("button.accept").count()).isZero();
    assertThat(page.locator("#summary").textContent())
        .startsWith("Visual changes detected: ")
        .doesNotContain("index.html");
    // the full-size view works without the server too
    card("Shop--cart--total").locator("figure.baseline a.zoom").click();
    page.waitForFunction("() => document.getElementById('viewer-img').naturalWidth === 200");
    assertThat(consoleErrors).isEmpty();
  }
}
