package dev.visualreview.capture.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import dev.visualreview.PixelRegion;
import dev.visualreview.UnstableCaptureException;
import dev.visualreview.browsers.PlaywrightBrowsers;
import dev.visualreview.browsers.SeleniumBrowsers;
import dev.visualreview.capture.CaptureMetadata;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.Capturers;
import dev.visualreview.capture.TestImages;
import dev.visualreview.capture.TestPages;
import dev.visualreview.capture.TrickyScenarios;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Real headless Chromium through Selenium and the system chromedriver. */
class SeleniumCaptureTest {
  private static final String LEFTOVERS =
      "return document.querySelectorAll('[id^=\"visualreview-\"]').length"
          + " + (typeof window.__visualreviewQuiet) + (typeof window.__visualreviewResume);";

  private static TestPages pages;
  private static ChromeDriver driver;

  @BeforeAll
  static void startBrowser() {
    pages = new TestPages();
    driver = SeleniumBrowsers.launchChrome();
  }

  @AfterAll
  static void stopBrowser() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      pages.close();
    }
  }

  @AfterEach
  void resetEmulation() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  private static void emulate(double deviceScaleFactor) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            TestPages.VIEWPORT_WIDTH,
            "height",
            TestPages.VIEWPORT_HEIGHT,
            "deviceScaleFactor",
            deviceScaleFactor,
            "mobile",
            false));
  }

  private static WebDriver open(String path, double deviceScaleFactor) {
    emulate(deviceScaleFactor);
    driver.get(pages.url(path));
    return driver;
  }

  private static Object script(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  @ParameterizedTest
  @ValueSource(strings = {"animation", "caret", "shadow-caret", "font", "clock", "tall", "dpr2"})
  void fiveConsecutiveCapturesHaveIdenticalPixels(String scenario) {
    WebDriver page = open(TrickyScenarios.path(scenario), TrickyScenarios.deviceScale(scenario));
    CaptureOptions options = TrickyScenarios.options(scenario);

    CapturedImage last =
        TrickyScenarios.fiveIdenticalCaptures(
            scenario, () -> Capturers.capture(page, options, scenario));

    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
    if (scenario.equals("font")) {
      assertThat(script("return document.fonts.check('32px Late')")).isEqualTo(true);
    }
    if (scenario.equals("dpr2")) {
      assertThat(last.metadata().asMap()).containsEntry(CaptureMetadata.DEVICE_PIXEL_RATIO, 2.0);
    }
  }

  @Test
  void fullPageAtDevicePixelRatioTwoIsNormalisedToCssPixels() {
    WebDriver page = open("/tall", 2);

    BufferedImage css =
        TestImages.decode(
            Capturers.capture(page, CaptureOptions.builder().fullPage(true).build(), "css").png());
    BufferedImage device =
        TestImages.decode(
            Capturers.capture(
                    page, CaptureOptions.builder().fullPage(true).scale("device").build(), "device")
                .png());

    assertThat(css.getWidth()).isEqualTo(TestPages.VIEWPORT_WIDTH);
    assertThat(css.getHeight()).isEqualTo(TestPages.TALL_HEIGHT);
    assertThat(device.getWidth()).isEqualTo(2 * TestPages.VIEWPORT_WIDTH);
    assertThat(device.getHeight()).isEqualTo(2 * TestPages.TALL_HEIGHT);
  }

  @Test
  void masksCoverExactlyTheirElements() {
    WebDriver page = open("/clock", 1);
    for (Object mask : new Object[] {"#clock", page.findElement(By.id("clock"))}) {
      CapturedImage captured =
          Capturers.capture(page, CaptureOptions.builder().mask(mask).build(), "clock");

      TrickyScenarios.assertClockMaskedExactly(captured);
    }
  }

  @Test
  void pageHasNoLeftoversAfterCapturing() {
    WebDriver page = open("/settled", 1);
    String before = page.getPageSource();

    Capturers.capture(
        page,
        CaptureOptions.builder().mask("#box").style("h1 { color: red }").fullPage(true).build(),
        "settled");

    assertThat(page.getPageSource()).isEqualTo(before);
    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
  }

  @Test
  void aFailedCaptureStillRemovesEverythingItInjected() {
    WebDriver page = open("/unstable", 1);

    assertThatThrownBy(
            () ->
                Capturers.capture(
                    page,
                    CaptureOptions.builder()
                        .mask("h1")
                        .style("body { outline: 1px solid red }")
                        .maxAttempts(3)
                        .build(),
                    "noise"))
        .isInstanceOfSatisfying(
            UnstableCaptureException.class,
            e ->
                assertThat(e.changedRegion())
                    .isEqualTo(
                        new PixelRegion(
                            TestPages.NOISE_X,
                            TestPages.NOISE_Y,
                            TestPages.NOISE_SIZE,
                            TestPages.NOISE_SIZE)))
        .hasMessageContaining("snapshot 'noise' is unstable");
    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
  }

  @Test
  void infiniteAnimationsRunAgainAfterCapturing() {
    WebDriver page = open("/animation", 1);

    Capturers.capture(page, null, "animation");

    assertThat(
            script(
                "return document.getAnimations().filter(a => a.playState === 'running')"
                    + ".map(a => a.animationName).join()"))
        .asString()
        .contains("spin");
  }

  @Test
  void aSettledPageIsNotTouchedByTheDefaultCapture() {
    WebDriver page = open("/settled", 1);
    script(
        "window.__seen = [];"
            + "new MutationObserver((records) => window.__seen.push(...records.map("
            + "(r) => r.type + ' ' + r.target.nodeName))).observe(document,"
            + " {subtree: true, childList: true, attributes: true, characterData: true});");

    CapturedImage captured = Capturers.capture(page, CaptureOptions.defaults(), "settled");

    assertThat(captured.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 1);
    assertThat(script("return window.__seen"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .isEmpty();
  }

  @Test
  void aFocusedInputStillGetsItsCaretHidden() {
    WebDriver page = open("/caret", 1);
    script(
        "window.__seen = 0; new MutationObserver((records) => window.__seen += records.length)"
            + ".observe(document, {subtree: true, childList: true});");

    Capturers.capture(page, CaptureOptions.defaults(), "caret");

    // The caret-hiding style went in and out again.
    assertThat(((Number) script("return window.__seen")).intValue()).isGreaterThanOrEqualTo(2);
    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
  }

  @Test
  void aSettledPageNeedsOneScreenshotUnlessStrict() {
    WebDriver page = open("/settled", 1);

    CapturedImage quick = Capturers.capture(page, CaptureOptions.defaults(), "settled");
    CapturedImage strict =
        Capturers.capture(page, CaptureOptions.builder().strictStability(true).build(), "strict");
    byte[] plain = ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES);

    assertThat(quick.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 1);
    assertThat(strict.metadata().asMap()).containsEntry(CaptureMetadata.ATTEMPTS, 2);
    assertThat(TestImages.contentHash(quick.png()))
        .isEqualTo(TestImages.contentHash(strict.png()))
        .isEqualTo(TestImages.contentHash(plain));
  }

  @Test
  void elementAndClipCaptureOnlyTheirArea() {
    WebDriver page = open("/settled", 2);

    BufferedImage element =
        TestImages.decode(Capturers.capture(page.findElement(By.id("box")), null, "box").png());
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
  void anElementUnderWhereTheStickyHeaderWouldBeHoldsNoHeaderPixels() {
    WebDriver page = open("/tall", 1);
    script("window.scrollTo(0, document.documentElement.scrollHeight);");
    assertThat(((Number) script("return window.scrollY;")).intValue())
        .as("scrolled below the element")
        .isGreaterThan(TestPages.DEEP_Y + TestPages.DEEP_HEIGHT);

    byte[] selenium = Capturers.capture(page.findElement(By.id("deep")), null, "deep").png();

    BufferedImage image = TestImages.decode(selenium);
    assertThat(image.getWidth()).isEqualTo(TestPages.DEEP_WIDTH);
    assertThat(image.getHeight()).isEqualTo(TestPages.DEEP_HEIGHT);
    assertThat(TestImages.countColour(image, TestPages.HEADER_COLOUR)).isZero();
    assertThat(TestImages.countColour(image, 0x33AA77))
        .isEqualTo((long) TestPages.DEEP_WIDTH * TestPages.DEEP_HEIGHT);
    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
    try (Playwright playwright = PlaywrightBrowsers.createPlaywright();
        Browser browser = PlaywrightBrowsers.launchChromium(playwright);
        BrowserContext context =
            browser.newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(TestPages.VIEWPORT_WIDTH, TestPages.VIEWPORT_HEIGHT))) {
      Page playwrightPage = context.newPage();
      playwrightPage.navigate(pages.url("/tall"));
      playwrightPage.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)");
      byte[] playwrightPng = Capturers.capture(playwrightPage.locator("#deep"), null, "deep").png();
      assertThat(TestImages.contentHash(selenium))
          .as("Selenium and Playwright captures of the same element")
          .isEqualTo(TestImages.contentHash(playwrightPng));
    }
  }

  @Test
  void metadataDescribesTheBrowser() {
    WebDriver page = open("/settled", 1);

    CapturedImage captured = Capturers.capture(page, null, "meta");

    assertThat(captured.metadata().asMap())
        .containsEntry(CaptureMetadata.ENGINE, "selenium")
        .containsEntry(CaptureMetadata.VIEWPORT, "1280x720")
        .containsEntry(CaptureMetadata.DEVICE_PIXEL_RATIO, 1.0)
        .containsEntry(CaptureMetadata.SCALE, "css")
        .containsKey(CaptureMetadata.OS);
    assertThat((String) captured.metadata().asMap().get(CaptureMetadata.BROWSER))
        .containsIgnoringCase("chrom");
    assertThat((String) captured.metadata().asMap().get(CaptureMetadata.BROWSER_VERSION))
        .matches("\\d+\\..*");
  }

  @Test
  void wrongMaskTypesAreRejected() {
    WebDriver page = open("/settled", 1);

    assertThatThrownBy(
            () ->
                Capturers.capture(
                    page, CaptureOptions.builder().mask(new Object()).build(), "bad-mask"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("cannot be used with Selenium")
        .hasMessageContaining("CSS selector string or a WebElement");
  }

  /**
   * A driver that is not a Chromium driver but has FirefoxDriver's native full-page screenshot
   * ({@code getFullPageScreenshotAs}), here answered by the real Chromium behind it: the capture
   * must take the Firefox path (no DevTools, page scripts through executeScript).
   */
  public static final class FirefoxLikeDriver
      implements WebDriver, JavascriptExecutor, TakesScreenshot {
    private final ChromeDriver chrome;
    int fullPageScreenshots;

    FirefoxLikeDriver(ChromeDriver chrome) {
      this.chrome = chrome;
    }

    public <X> X getFullPageScreenshotAs(OutputType<X> target) {
      fullPageScreenshots++;
      Map<String, Object> result =
          chrome.executeCdpCommand(
              "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
      return target.convertFromBase64Png((String) result.get("data"));
    }

    @Override
    public <X> X getScreenshotAs(OutputType<X> target) {
      return chrome.getScreenshotAs(target);
    }

    @Override
    public Object executeScript(String script, Object... args) {
      return chrome.executeScript(script, args);
    }

    @Override
    public Object executeAsyncScript(String script, Object... args) {
      return chrome.executeAsyncScript(script, args);
    }

    @Override
    public void get(String url) {
      chrome.get(url);
    }

    @Override
    public String getCurrentUrl() {
      return chrome.getCurrentUrl();
    }

    @Override
    public String getTitle() {
      return chrome.getTitle();
    }

    @Override
    public List<WebElement> findElements(By by) {
      return chrome.findElements(by);
    }

    @Override
    public WebElement findElement(By by) {
      return chrome.findElement(by);
    }

    @Override
    public String getPageSource() {
      return chrome.getPageSource();
    }

    @Override
    public void close() {
      chrome.close();
    }

    @Override
    public void quit() {
      chrome.quit();
    }

    @Override
    public Set<String> getWindowHandles() {
      return chrome.getWindowHandles();
    }

    @Override
    public String getWindowHandle() {
      return chrome.getWindowHandle();
    }

    @Override
    public TargetLocator switchTo() {
      return chrome.switchTo();
    }

    @Override
    public Navigation navigate() {
      return chrome.navigate();
    }

    @Override
    public Options manage() {
      return chrome.manage();
    }
  }

  @Test
  void fullPageOnAFirefoxStyleDriverUsesItsNativeFullPageScreenshot() {
    open("/tall", 1);
    FirefoxLikeDriver firefoxLike = new FirefoxLikeDriver(driver);

    CapturedImage viaNative =
        Capturers.capture(
            firefoxLike,
            CaptureOptions.builder().fullPage(true).mask("header").build(),
            "tall-native");
    CapturedImage viaDevTools =
        Capturers.capture(
            driver, CaptureOptions.builder().fullPage(true).mask("header").build(), "tall-cdp");

    assertThat(firefoxLike.fullPageScreenshots).isGreaterThanOrEqualTo(1);
    BufferedImage image = TestImages.decode(viaNative.png());
    assertThat(image.getWidth()).isEqualTo(TestPages.VIEWPORT_WIDTH);
    assertThat(image.getHeight()).isEqualTo(TestPages.TALL_HEIGHT);
    assertThat(TestImages.contentHash(viaNative.png()))
        .isEqualTo(TestImages.contentHash(viaDevTools.png()));
    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
  }

  @Test
  void fullPageOnADriverWithoutDevToolsOrFirefoxIsAClearError() {
    WebDriver plain =
        (WebDriver)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {WebDriver.class, JavascriptExecutor.class, TakesScreenshot.class},
                (proxy, method, args) -> {
                  throw new AssertionError("the driver must not be used: " + method.getName());
                });

    assertThatThrownBy(
            () -> Capturers.capture(plain, CaptureOptions.builder().fullPage(true).build(), "p"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("full-page screenshots are not supported by")
        .hasMessageContaining("$Proxy")
        .hasMessageContaining("fullPage(false)");
  }

  @Test
  void launchedChromeHasPlaywrightsDefaultViewport() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.get(pages.url("/settled"));

    assertThat(script("return window.innerWidth + 'x' + window.innerHeight"))
        .isEqualTo(SeleniumBrowsers.VIEWPORT_WIDTH + "x" + SeleniumBrowsers.VIEWPORT_HEIGHT)
        .isEqualTo("1280x720");
  }

  @Test
  void withoutWaitingForFontsTheLateFontPageChanges() {
    WebDriver page = open("/gated-font", 1);
    CaptureOptions noFontWait = CaptureOptions.builder().waitForFonts(false).stable(false).build();

    String early = TestImages.contentHash(Capturers.capture(page, noFontWait, "early").png());
    pages.openFontGate();
    String settled = TestImages.contentHash(Capturers.capture(page, null, "settled").png());

    assertThat(early).isNotEqualTo(settled);
  }

  @Test
  void anInfiniteAnimationIsPausedAtItsFirstFrame() {
    WebDriver page = open("/badge", 1);

    CapturedImage captured = Capturers.capture(page, null, "badge");

    TrickyScenarios.assertBadgeAtFirstFrame(captured);
    assertThat(
            script("return document.getAnimations().filter(a => a.playState === 'running').length"))
        .as("running animations after the capture")
        .isEqualTo(1L);
    assertThat(script(LEFTOVERS)).isEqualTo("0undefinedundefined");
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "thin", "gone", "ghost", "doomed"})
  void anElementWithNothingToCaptureFailsAtOnceNamingIt(String id) {
    WebDriver page = open("/empty", 1);
    WebElement element = page.findElement(By.id(id));
    if (id.equals("doomed")) {
      script("document.getElementById('doomed').remove()");
    }

    TrickyScenarios.assertNothingToCapture(
        id.equals("doomed") ? "id: doomed" : "#" + id,
        () -> Capturers.capture(element, TrickyScenarios.PATIENT, "blank"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"closed"})
  void aFailedCaptureSaysWhatHappenedOnceWithOneCause(String name) {
    open("/settled", 1);
    String main = driver.getWindowHandle();
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    driver.close();
    Throwable thrown;
    try {
      thrown = catchThrowable(() -> Capturers.capture(driver, null, name));
    } finally {
      driver.switchTo().window(main);
    }

    TrickyScenarios.assertShortFailure(
        thrown,
        name,
        "the browser window was closed",
        "switch to an open window",
        "no such window");
  }
}
