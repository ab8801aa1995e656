package dev.visualreview.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The app really has the features the visual tests rely on (checked without screenshots). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleAppFeaturesTest {

  private SampleApp app;
  private Playwright playwright;
  private Browser browser;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  void startAppAndBrowser() {
    app = SampleApp.start("");
    playwright = Playwright.create();
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium"))
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--hide-scrollbars")));
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  @AfterAll
  void stopBrowserAndApp() {
    if (playwright != null) {
      playwright.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void textIsSetInTheBundledWebFont() {
    page.navigate(app.url("/"));
    page.evaluate("document.fonts.ready");
    Object loaded =
        page.evaluate(
            "[...document.fonts].filter(f => f.family.includes('Sample Sans') && f.status"
                + " === 'loaded').length");
    assertThat(((Number) loaded).intValue()).isEqualTo(2);
    assertThat(page.evaluate("getComputedStyle(document.body).fontFamily"))
        .isEqualTo("\"Sample Sans\"");
  }

  @Test
  void themeFollowsTheQueryParameterAndTheToggle() {
    page.navigate(app.url("/?theme=dark"));
    assertThat(background()).isEqualTo("rgb(18, 24, 20)");
    page.click("#theme-toggle");
    assertThat(background()).isEqualTo("rgb(251, 250, 246)");
    assertThat(page.url()).endsWith("?theme=light");
  }

  @Test
  void clockShowsTheTimeAndTicks() {
    page.navigate(app.url("/"));
    assertThat(page.textContent("#clock")).matches("\\d\\d:\\d\\d:\\d\\d");
    String first = page.textContent("#clock");
    page.waitForFunction(
        "t => document.getElementById('clock').textContent !== t",
        first,
        new Page.WaitForFunctionOptions().setTimeout(5_000));
  }

  @Test
  void guideIsALongPageWithAStickyHeader() {
    page.navigate(app.url("/guide.html"));
    assertThat(((Number) page.evaluate("document.documentElement.scrollHeight")).intValue())
        .isGreaterThanOrEqualTo(4000);
    page.evaluate("window.scrollTo(0, 3000)");
    assertThat(
            ((Number)
                    page.evaluate(
                        "document.querySelector('.site-header').getBoundingClientRect().top"))
                .intValue())
        .isZero();
  }

  @Test
  void signInExplainsWhatIsWrong() {
    page.navigate(app.url("/signin.html"));
    page.fill("#email", "not-an-email");
    page.click("#submit");
    assertThat(page.textContent("#form-error"))
        .isEqualTo("Enter the email address you registered with.");
    page.fill("#email", "ada@example.com");
    page.fill("#password", "correct horse");
    page.click("#submit");
    assertThat(page.textContent("#form-error")).isEqualTo("Welcome back, ada@example.com.");
  }

  @Test
  void badgeIsAnimated() {
    page.navigate(app.url("/"));
    assertThat(page.evaluate("document.getElementById('sale-badge').getAnimations().length"))
        .isEqualTo(1);
  }

  private Object background() {
    return page.evaluate("getComputedStyle(document.body).backgroundColor");
  }
}
