package dev.visualreview.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureOptions;
import dev.visualreview.CapturedSnapshot;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.browsers.PlaywrightBrowsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shop's pages through Playwright: viewport, element and full-page snapshots. */
@VisualReview
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopPlaywrightTest {

  /** The live clock shows the real time: mask it, or every run would differ. */
  private static final CaptureOptions MASK_CLOCK = CaptureOptions.builder().mask("#clock").build();

  private SampleApp app;
  private Playwright playwright;
  private Browser browser;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  void startShopAndBrowser() {
    app = SampleApp.start();
    playwright = PlaywrightBrowsers.createPlaywright();
    browser = SampleBrowsers.playwrightChromium(playwright);
  }

  @BeforeEach
  void openPage() {
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(Viewport.DESKTOP.width, Viewport.DESKTOP.height));
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  @AfterAll
  void stopBrowserAndShop() {
    if (playwright != null) {
      playwright.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /**
   * The sale badge pulses forever and the clock ticks, yet the snapshot is the same every run: the
   * library stops animations while capturing and the clock is masked.
   */
  @Test
  void homePage(Snapshots snapshots) {
    page.navigate(app.url("/"));

    assertThat(page.evaluate("document.getElementById('sale-badge').getAnimations().length"))
        .isEqualTo(1);
    snapshots.capture("home", page, MASK_CLOCK);
    assertThat(page.evaluate("getComputedStyle(document.body).fontFamily"))
        .as("the page is set in the bundled web font")
        .isEqualTo("\"Sample Sans\"");
    assertThat(page.evaluate("document.fonts.check('16px \"Sample Sans\"')")).isEqualTo(true);
  }

  @Test
  void clockTicks() {
    page.navigate(app.url("/"));

    String shown = page.textContent("#clock");
    assertThat(shown).matches("\\d\\d:\\d\\d:\\d\\d");
    page.waitForFunction(
        "shown => document.getElementById('clock').textContent !== shown",
        shown,
        new Page.WaitForFunctionOptions().setTimeout(60_000));
  }

  @ParameterizedTest(name = "{0} theme")
  @ValueSource(strings = {"light", "dark"})
  void productsInEachTheme(String theme, Snapshots snapshots) {
    page.navigate(app.url("/?theme=" + theme));

    snapshots.capture("products-" + theme, page.locator("#products"));
  }

  @Test
  void themeToggleSwitchesToDark(Snapshots snapshots) {
    page.navigate(app.url("/"));
    page.click("#theme-toggle");

    assertThat(page.getAttribute("html", "data-theme")).isEqualTo("dark");
    assertThat(page.url()).endsWith("?theme=dark");
    snapshots.capture("header-dark", page.locator(".site-header"), MASK_CLOCK);
  }

  @Test
  void careGuideFullPage(Snapshots snapshots) {
    page.navigate(app.url("/guide.html"));

    CapturedSnapshot guide =
        snapshots.capture("care-guide", page, MASK_CLOCK.toBuilder().fullPage(true).build());

    assertThat(guide.height()).as("height of the full-page snapshot").isGreaterThanOrEqualTo(4000);
    page.evaluate("window.scrollTo(0, 3000)");
    assertThat(page.evaluate("document.querySelector('.site-header').getBoundingClientRect().top"))
        .as("the header sticks to the top")
        .isEqualTo(0);
  }
}
