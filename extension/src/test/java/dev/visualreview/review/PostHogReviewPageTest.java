package dev.visualreview.review;

import static dev.visualreview.review.PostHogRun.CART;
import static dev.visualreview.review.PostHogRun.HEADER;
import static dev.visualreview.review.PostHogRun.HERO;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import dev.visualreview.api.contract.RecordedRequest;
import dev.visualreview.api.contract.TestPngs;
import dev.visualreview.browsers.PlaywrightBrowsers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page of a PostHog run, in headless Chromium against the contract server: the run's
 * images and a snapshot's history arrive through the review server, accepting approves and then
 * finalizes, recompute is offered, and the API key never reaches the browser.
 */
class PostHogReviewPageTest {
  static final double WAIT = 60_000;
  static Playwright playwright;
  static Browser browser;

  @TempDir Path module;
  PostHogRun run;
  ReviewServer server;
  Page page;

  /** Everything the browser sent and received: URLs, headers, bodies. */
  final List<String> traffic = new CopyOnWriteArrayList<>();

  final List<String> urls = new CopyOnWriteArrayList<>();

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

  @BeforeEach
  void serve() {
    run = new PostHogRun(module);
    run.run("feat/cart");
    server = ReviewServer.start(run.review(false), 0, run.log::add);
    page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1100, 900));
    page.setDefaultTimeout(WAIT);
    page.onRequest(this::record);
    page.onResponse(this::record);
    page.navigate(server.uri().toString());
  }

  private void record(Request r) {
    urls.add(r.url());
    traffic.add(r.url() + " " + r.allHeaders() + " " + (r.postData() == null ? "" : r.postData()));
  }

  private void record(Response r) {
    String body;
    try {
      body = new String(r.body(), StandardCharsets.ISO_8859_1);
    } catch (RuntimeException e) {
      body = ""; // a response of a page that navigated away
    }
    traffic.add(r.url() + " " + r.allHeaders() + " " + body);
  }

  @AfterEach
  void stop() {
    if (page != null) {
      page.close();
    }
    server.close();
    run.close();
  }

  Locator card(String id) {
    return page.locator("section.snap[data-identifier='" + id + "']");
  }

  @Test
  void theRunsImagesAndHistoryComeThroughTheReviewServer() {
    Locator cart = card(CART);
    for (String role : List.of("baseline", "current", "diff")) {
      Locator img = cart.locator("figure." + role + " img");
      page.waitForFunction("i => i.complete && i.naturalWidth > 0", img.elementHandle());
      assertThat(img.evaluate("i => i.naturalWidth")).as(role).isEqualTo(8);
      assertThat(img.getAttribute("src")).as(role).startsWith("artifact/");
    }
    assertThat(page.locator(".review-notice").allTextContents())
        .anyMatch(n -> n.contains("acme/shop") && n.contains(run.runId))
        .anyMatch(n -> n.contains(run.baselineFile.toString()));
    assertThat(page.locator("#recompute").isVisible()).isTrue();

    cart.locator("button.history").click();
    page.waitForSelector(
        "section.snap[data-identifier='" + CART + "'] .history-list li",
        new Page.WaitForSelectorOptions().setTimeout(WAIT));
    Locator entries = cart.locator(".history-list li");
    assertThat(entries.count()).isEqualTo(1);
    assertThat(entries.first().textContent()).contains("feat/cart", "0123456789", "changed");
    page.waitForFunction(
        "() => { const i = document.querySelector('.history-list img');"
            + " return i && i.complete && i.naturalWidth === 8; }");

    assertThat(urls).allMatch(u -> u.startsWith(server.uri().toString()), "only the review server");
    assertThat(String.join("\n", traffic)).doesNotContain(run.server.apiKey());
    assertThat(String.join("\n", traffic)).doesNotContain("X-Amz-Signature");
    // and PostHog's object storage saw no key either
    assertThat(run.server.requests().stream().filter(r -> r.path().startsWith("/s3/object/")))
        .isNotEmpty()
        .allMatch(r -> r.authScheme().isEmpty());
  }

  @Test
  void acceptingOneThenAllApprovesFinalizesAndWritesTheBaseline() throws Exception {
    card(CART).locator("button.accept").click();
    page.waitForSelector(
        "section.snap[data-identifier='" + CART + "'] dl.facts dd:text-is('approved')");
    List<RecordedRequest> approvals = run.server.requests("POST", "/approve/$");
    assertThat(approvals).hasSize(1);
    assertThat(approvals.get(0).bodyText()).contains(CART).doesNotContain(HEADER);
    assertThat(run.server.requests("POST", "/finalize/$")).isEmpty();
    assertThat(page.locator("#review-status").textContent()).contains("approved " + CART);

    page.locator("#accept-all").click();
    page.waitForSelector("#verdict:text-is('PASS')");
    assertThat(run.server.requests("POST", "/finalize/$")).hasSize(1);
    assertThat(Files.readString(run.baselineFile))
        .contains(TestPngs.hash(PostHogRun.current(HERO)), TestPngs.hash(PostHogRun.current(CART)));
    assertThat(page.locator("#review-status").textContent())
        .contains("baseline written to " + run.baselineFile);
    assertThat(page.locator("button.accept").count()).isZero();
    assertThat(page.locator("#recompute").count()).as("approved runs are not recomputed").isZero();
    assertThat(Files.readString(run.reportDir.resolve("result.json")))
        .contains("\"verdict\" : \"pass\"");
    assertThat(String.join("\n", traffic)).doesNotContain(run.server.apiKey());
  }

  @Test
  void expiredImageLinksAreRenewedOnce() throws Exception {
    String src = card(HEADER).locator("figure.current img").getAttribute("src");
    run.server.expireDownloadLinks();
    HttpResponse<byte[]> image =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri().resolve(src))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.body()).isEqualTo(PostHogRun.current(HEADER));
    List<RecordedRequest> downloads =
        run.server.requests().stream().filter(r -> r.path().startsWith("/s3/object/")).toList();
    assertThat(downloads.get(downloads.size() - 1).query())
        .as("the last download used a fresh link")
        .isNotEqualTo(downloads.get(downloads.size() - 2).query());
  }

  @Test
  void recomputeIsOfferedWhileTheRunIsOpen() {
    page.locator("#recompute").click();
    page.waitForSelector("#review-status:has-text('PostHog recomputed the run')");
    assertThat(page.locator("#review-status").textContent())
        .contains("3 snapshot(s) still need review", "re-ran the CI job");
    assertThat(run.server.requests("POST", "/recompute/$")).hasSize(1);
    assertThat(String.join("\n", traffic)).doesNotContain(run.server.apiKey());
  }
}
