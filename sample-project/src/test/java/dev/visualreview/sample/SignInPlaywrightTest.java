package dev.visualreview.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureOptions;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.browsers.PlaywrightBrowsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sign-in form through Playwright, on a desktop and a phone. */
@VisualReview
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPlaywrightTest {

  private static final CaptureOptions MASK_CLOCK = CaptureOptions.builder().mask("#clock").build();

  private SampleApp app;
  private Playwright playwright;
  private Browser browser;
  private BrowserContext context;

  @BeforeAll
  void startShopAndBrowser() {
    app = SampleApp.start();
    playwright = PlaywrightBrowsers.createPlaywright();
    browser = SampleBrowsers.playwrightChromium(playwright);
  }

  @AfterEach
  void closePage() {
    if (context != null) {
      context.close();
    }
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

  /** The email field has focus on load; its blinking caret is hidden while capturing. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Viewport.class)
  void emptyForm(Viewport viewport, Snapshots snapshots) {
    Page page = open(viewport);

    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("email");
    snapshots.capture("sign-in-" + viewport.name().toLowerCase(), page, MASK_CLOCK);
  }

  @Test
  void explainsAMistypedEmail(Snapshots snapshots) {
    Page page = open(Viewport.DESKTOP);
    page.fill("#email", "ada.example.com");
    page.fill("#password", "correct horse");
    page.click("#submit");

    assertThat(page.textContent("#form-error"))
        .isEqualTo("Enter the email address you registered with.");
    snapshots.capture("mistyped-email", page.locator("#signin-form"));
  }

  private Page open(Viewport viewport) {
    context =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(viewport.width, viewport.height));
    Page page = context.newPage();
    page.navigate(app.url("/signin.html"));
    return page;
  }
}
