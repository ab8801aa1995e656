package dev.visualreview.capture.playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ScreenshotScale;
import dev.visualreview.CaptureOptions;
import dev.visualreview.PixelRegion;
import dev.visualreview.UnstableCaptureException;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.capture.CaptureMetadata;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.Capturers;
import dev.visualreview.capture.TestImages;
import dev.visualreview.capture.TestPages;
import dev.visualreview.capture.TrickyScenarios;
import java.awt.image.BufferedImage;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real headless Chromium through Playwright against pages that are hard to capture stably. */
class PlaywrightCaptureTest {

  private static TestPages pages;
  private static Playwright playwright;
  private static Browser browser;
  private BrowserContext context;

  @BeforeAll
  static void startBrowser() {
    pages = new TestPages();
    playwright = PlaywrightBrowsers.createPlaywright();
    browser = PlaywrightBrowsers.launchChromium(playwright);
  }

  @AfterAll
  static void stopBrowser() {
    try {
      if (playwright != null) {
        playwright.close();
      }
    } finally {
      pages.close();
    }
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  private Page open(String path, double deviceScaleFactor) {
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(TestPages.VIEWPORT_WIDTH, TestPages.VIEWPORT_HEIGHT)
                .setDeviceScaleFactor(deviceScaleFactor));
    Page page = context.newPage();
    page.navigate(pages.url(path));
    return page;
  }

  @ParameterizedTest
  @ValueSource(strings = {"animation", "caret", "shadow-caret", "font", "clock", "tall", "dpr2"})
  void fiveConsecutiveCapturesHaveIdenticalPixels(String scenario) {
    Page page = open(TrickyScenarios.path(scenario), TrickyScenarios.deviceScale(scenario));
    CaptureOptions options = TrickyScenarios.options(scenario);

    CapturedImage last =
        TrickyScenarios.fiveIdenticalCaptures(
            scenario, () -> Capturers.capture(page, options, scenario));

    if (scenario.equals("font")) {
      assertThat(page.evaluate("document.fonts.check('32px Late')")).isEqualTo(true);
    }
    if (scenario.equals("dpr2")) {
      assertThat(last.metadata().asMap()).containsEntry(CaptureMetadata.DEVICE_PIXEL_RATIO, 2.0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"animation", "clock"})
  void withoutTheProtectionsTheseScenariosDoChange(String scenario) {
    Page page = open("/" + scenario, 1);
    CaptureOptions unprotected =
        CaptureOptions.builder().disableAnimations(false).waitForFonts(false).stable(false).build();

    Set<String> hashes = new LinkedHashSet<>();
    for (int i = 0; i < 5; i++) {
      hashes.add(TestImages.contentHash(Capturers.capture(page, unprotected, scenario).png()));
      page.waitForTimeout(40);
    }

    assertThat(hashes)
        .as("distinct hashes without masks and animation stopping")
        .hasSizeGreaterThan(1);
  }

  @Test
  void masksCoverExactlyTheirElements() {
    Page page = open("/clock", 1);
    for (Object mask : new Object[] {"#clock", page.locator("#clock")}) {
      CapturedImage captured =
          Capturers.capture(page, CaptureOptions.builder().mask(mask).build(), "clock");

      TrickyScenarios.assertClockMaskedExactly(captured);
    }
  }

  @Test
  void pageHasNoLeftoversAfterCapturing() {
    Page page = open("/settled", 1);
    String before = page.content();

    Capturers.capture(
        page,
        CaptureOptions.builder().mask("#box").style("h1 { color: red }").fullPage(true).build(),
        "settled");

    assertThat(page.content()).isEqualTo(before);
    assertThat(page.evaluate("typeof window.__visualreviewQuiet")).isEqualTo("undefined");
  }

  /**
   * A calm page's default capture skips Playwright's own screenshot preparation (a direct DevTools
   * screenshot): it must still give exactly what page.screenshot() gives, leave nothing behind, and
   * not be used where a caret could show (a focused input, also inside a shadow root).
   */
  @ParameterizedTest
  @ValueSource(strings = {"settled", "scrolled", "small", "caret", "shadow-caret", "dpr2"})
  void aCalmPagesCaptureIsExactlyPlaywrightsScreenshot(String scenario) {
    Page page =
        switch (scenario) {
          case "scrolled" -> open("/tall", 1);
          case "small" -> {
            Page small = open("/tall", 1);
            small.setViewportSize(900, 500);
            yield small;
          }
          case "dpr2" -> open("/settled", 2);
          default -> open("/" + scenario, 1);
        };
    if (!scenario.equals("settled") && !scenario.contains("caret")) {
      page.evaluate("window.scrollTo(0, 1000.5)");
    }
    // Playwright's own caret hiding leaves an empty style attribute on the input it restyled:
    // compare with the DOM as Playwright leaves it.
    page.screenshot();
    String dom = page.content();

    CapturedImage captured = Capturers.capture(page, CaptureOptions.defaults(), scenario);
    byte[] plain = page.screenshot(new Page.ScreenshotOptions().setScale(ScreenshotScale.CSS));

    assertThat(TestImages.contentHash(captured.png())).isEqualTo(TestImages.contentHash(plain));
    // Playwright hides a caret by restyling the input and back: the quiet proof knows that change.
    assertThat(captured.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 1);
    assertThat(page.content()).isEqualTo(dom);
    assertThat(page.evaluate("typeof window.__visualreviewQuiet")).isEqualTo("undefined");
  }

  @Test
  void aSettledPageNeedsOneScreenshotUnlessStrict() {
    Page page = open("/settled", 1);

    CapturedImage quick = Capturers.capture(page, CaptureOptions.defaults(), "settled");
    CapturedImage strict =
        Capturers.capture(page, CaptureOptions.builder().strictStability(true).build(), "strict");

    assertThat(quick.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 1);
    assertThat(strict.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 2);
    assertThat(TestImages.contentHash(quick.png())).isEqualTo(TestImages.contentHash(strict.png()));
  }

  /**
   * Only Playwright's own caret hiding (an input's style gaining a transparent caret colour and
   * losing it again) is left out of the quiet-page proof: a page that restyles the input itself,
   * even its caret colour alone, is not proven quiet and gets a second screenshot.
   */
  @Test
  void aPageThatRestylesAnInputWhileCapturingIsNotProvenQuiet() {
    Page page = open("/caret", 1);
    page.evaluate(
        "() => { const input = document.getElementById('name'); let red = false;"
            + " setInterval(() => { red = !red; input.style.caretColor = red ? 'red' : 'blue'; },"
            + " 5); }");

    CapturedImage captured = Capturers.capture(page, CaptureOptions.defaults(), "restyled");

    assertThat((Integer) captured.metadata().asMap().get(CaptureMetadata.ATTEMPTS))
        .as("screenshots taken")
        .isGreaterThanOrEqualTo(2);
  }

  /**
   * An element below the fold is scrolled into view before the capture starts, where Playwright's
   * element screenshot scrolls it: the page then does not scroll during the screenshot, one
   * screenshot is proven quiet, and it is exactly Playwright's.
   */
  @Test
  void anElementBelowTheFoldIsScrolledLikePlaywrightAndTakenOnce() {
    Page plainPage = open("/tall", 1);
    byte[] plain = plainPage.locator("#deep").screenshot();
    Object plainScroll = plainPage.evaluate("window.scrollY");
    context.close();
    Page page = open("/tall", 1);

    CapturedImage captured = Capturers.capture(page.locator("#deep"), null, "deep");

    assertThat(captured.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 1);
    assertThat(page.evaluate("window.scrollY")).isEqualTo(plainScroll).isNotEqualTo(0);
    assertThat(TestImages.contentHash(captured.png())).isEqualTo(TestImages.contentHash(plain));
  }

  @Test
  void aLocatorMatchingSeveralElementsFailsAtOnceNamingTheCount() {
    Page page = open("/empty", 1);

    assertThatThrownBy(
            () -> Capturers.capture(page.locator("div"), TrickyScenarios.PATIENT, "several"))
        .isInstanceOf(dev.visualreview.CaptureException.class)
        .hasMessageContaining("snapshot 'several'")
        .hasMessageContaining("matches 5 elements")
        .hasMessageContaining(".first()");
  }

  @Test
  void aPageThatNeverSettlesIsReportedWithTheChangingRegion() {
    Page page = open("/unstable", 1);

    assertThatThrownBy(
            () -> Capturers.capture(page, CaptureOptions.builder().maxAttempts(4).build(), "noise"))
        .isInstanceOfSatisfying(
            UnstableCaptureException.class,
            e -> {
              assertThat(e.snapshotName()).isEqualTo("noise");
              assertThat(e.changedRegion())
                  .isEqualTo(
                      new PixelRegion(
                          TestPages.NOISE_X,
                          TestPages.NOISE_Y,
                          TestPages.NOISE_SIZE,
                          TestPages.NOISE_SIZE));
            })
        .hasMessageContaining("snapshot 'noise' is unstable")
        .hasMessageContaining("x=10 y=20 width=50 height=50");
  }

  @Test
  void deviceScaleKeepsDevicePixels() {
    Page page = open("/settled", 2);

    CapturedImage device =
        Capturers.capture(page, CaptureOptions.builder().scale("device").build(), "device");

    BufferedImage image = TestImages.decode(device.png());
    assertThat(image.getWidth()).isEqualTo(2 * TestPages.VIEWPORT_WIDTH);
    assertThat(image.getHeight()).isEqualTo(2 * TestPages.VIEWPORT_HEIGHT);
  }

  @Test
  void locatorAndClipCaptureOnlyTheirArea() {
    Page page = open("/settled", 1);

    BufferedImage element =
        TestImages.decode(Capturers.capture(page.locator("#box"), null, "box").png());
    BufferedImage clipped =
        TestImages.decode(
            Capturers.capture(page, CaptureOptions.builder().clip(40, 120, 200, 80).build(), "c")
                .png());

    for (BufferedImage image : new BufferedImage[] {element, clipped}) {
      assertThat(image.getWidth()).isEqualTo(200);
      assertThat(image.getHeight()).isEqualTo(80);
      assertThat(TestImages.countColour(image, 0x33AA77)).isEqualTo(200L * 80);
    }
  }

  @Test
  void metadataDescribesTheBrowser() {
    Page page = open("/settled", 1);

    CapturedImage captured = Capturers.capture(page, null, "meta");

    assertThat(captured.metadata().asMap())
        .containsEntry(CaptureMetadata.ENGINE, "playwright")
        .containsEntry(CaptureMetadata.BROWSER, "chromium")
        .containsEntry(CaptureMetadata.VIEWPORT, "1280x720")
        .containsEntry(CaptureMetadata.DEVICE_PIXEL_RATIO, 1.0)
        .containsEntry(CaptureMetadata.SCALE, "css")
        .containsKey(CaptureMetadata.OS);
    assertThat((String) captured.metadata().asMap().get(CaptureMetadata.BROWSER_VERSION))
        .matches("\\d+\\..*");
  }

  @Test
  void anInfiniteAnimationIsPausedAtItsFirstFrame() {
    Page page = open("/badge", 1);

    CapturedImage captured = Capturers.capture(page, null, "badge");

    TrickyScenarios.assertBadgeAtFirstFrame(captured);
    assertThat(
            page.evaluate("document.getAnimations().filter(a => a.playState === 'running').length"))
        .as("running animations after the capture")
        .isEqualTo(1);
  }

  /**
   * On a busy machine a spinner (a transform animation, run by the compositor) paused at its first
   * frame came out rotated by a frame or two in about one page in six (load 8-9): the compositor
   * kept drawing its own last value after the pause. Eight pages, five captures each: every one at
   * the first frame.
   */
  @Test
  void aPausedCompositorAnimationIsDrawnAtItsFirstFrameEveryTime() {
    Set<String> hashes = new LinkedHashSet<>();
    for (int round = 0; round < 8; round++) {
      Page page = open("/animation", 1);
      for (int i = 0; i < 5; i++) {
        hashes.add(TestImages.contentHash(Capturers.capture(page, null, "animation").png()));
      }
      context.close();
      context = null;
    }
    assertThat(hashes).as("distinct pixel hashes of 40 captures on 8 pages").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "thin", "gone", "ghost", "doomed"})
  void anElementWithNothingToCaptureFailsAtOnceNamingIt(String id) {
    Page page = open("/empty", 1);
    if (id.equals("doomed")) {
      page.evaluate("document.getElementById('doomed').remove()");
    }

    TrickyScenarios.assertNothingToCapture(
        "#" + id,
        () -> Capturers.capture(page.locator("#" + id), TrickyScenarios.PATIENT, "blank"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"closed"})
  void aFailedCaptureSaysWhatHappenedOnceWithOneCause(String name) {
    Page page = open("/settled", 1);
    page.close();

    Throwable thrown = catchThrowable(() -> Capturers.capture(page, null, name));

    TrickyScenarios.assertShortFailure(
        thrown,
        name,
        "the page, its context or its browser was closed",
        "keep the page open until the capture returns",
        "name='TargetClosedError");
  }
}
