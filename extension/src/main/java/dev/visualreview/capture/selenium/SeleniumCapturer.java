package dev.visualreview.capture.selenium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.CaptureException;
import dev.visualreview.capture.CaptureMetadata;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.CssPixels;
import dev.visualreview.capture.PageDeadline;
import dev.visualreview.capture.PageScripts;
import dev.visualreview.capture.Screenshotter;
import dev.visualreview.capture.StableCapture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;

/**
 * Captures a Selenium {@link WebDriver} (viewport or full page) or {@link WebElement}.
 *
 * <p>Full page: Chromium drivers through the DevTools protocol ({@code Page.captureScreenshot} with
 * {@code captureBeyondViewport}), Firefox through its native full-page screenshot; other drivers
 * get a clear error. Elements on Chromium drivers are cropped from the page captured beyond the
 * viewport, so a sticky or fixed header is never painted over an element that scrolling put under
 * it (as in the driver's own element screenshot, which scrolls the element to the top of the
 * viewport); other drivers use their own element screenshot. Masks, hidden caret, stopped
 * animations and extra CSS are temporary page changes that are always undone, also when the capture
 * fails. Images are normalised to CSS pixels unless the options ask for device pixels.
 */
public final class SeleniumCapturer {
  /**
   * Threads that run the driver calls of a screenshot so that the capture can stop waiting for a
   * page that does not answer. Reused between calls; a thread still blocked on a stuck page is
   * simply not available, and the pool starts another.
   */
  private static final ExecutorService HELPERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "visual-review page script");
            thread.setDaemon(true);
            return thread;
          });

  private static final String FULL_PAGE_SIZE =
      """
      () => {
        const d = document.documentElement;
        const b = document.body || d;
        return {
          width: Math.max(b.scrollWidth, d.scrollWidth, b.offsetWidth, d.offsetWidth,
                          b.clientWidth, d.clientWidth),
          height: Math.max(b.scrollHeight, d.scrollHeight, b.offsetHeight, d.offsetHeight,
                           b.clientHeight, d.clientHeight),
        };
      }
      """;

  /**
   * Scrolls the element into view if needed (centred, as Playwright does, which also reveals it
   * inside scrolled containers), then returns its border box in document coordinates, widened to
   * whole CSS pixels the way Playwright's element screenshots are, so both engines crop alike.
   */
  private static final String ELEMENT_DOCUMENT_RECT =
      """
      const e = arguments[0];
      if (typeof e.scrollIntoViewIfNeeded === 'function') {
        e.scrollIntoViewIfNeeded(true);
      } else {
        e.scrollIntoView({block: 'center', inline: 'center'});
      }
      const r = e.getBoundingClientRect();
      const left = Math.floor(r.left + window.scrollX + 1e-3);
      const top = Math.floor(r.top + window.scrollY + 1e-3);
      const right = Math.ceil(r.right + window.scrollX - 1e-3);
      const bottom = Math.ceil(r.bottom + window.scrollY - 1e-3);
      return {x: left, y: top, width: right - left, height: bottom - top};
      """;

  private static final String NETWORK_STATE =
      """
      () => document.readyState + '/' + performance.getEntriesByType('resource').length
      """;

  private static final long NETWORK_QUIET_MILLIS = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long the first try waits for web fonts before asking the driver for its script timeout. */
  private static final long FONTS_PROBE_MILLIS = 200;

  private SeleniumCapturer() {}

  /** The CSS injected while capturing: hidden caret, no transitions, the user's style. */
  static String injectedCss(CaptureOptions options) {
    List<String> rules = new ArrayList<>();
    if (options.hideCaret()) {
      rules.add("*, *::before, *::after { caret-color: transparent !important; }");
    }
    if (options.disableAnimations()) {
      rules.add(
          "*, *::before, *::after { transition-duration: 0s !important;"
              + " transition-delay: 0s !important; }");
    }
    if (!options.style().isEmpty()) {
      rules.add(options.style());
    }
    return String.join("\n", rules);
  }

  /**
   * Captures a {@code WebDriver} or {@code WebElement}.
   *
   * @param target a Selenium WebDriver or WebElement
   */
  public static CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    WebDriver driver;
    WebElement element = null;
    if (target instanceof WebElement e) {
      element = e;
      driver = driverOf(e, snapshotName);
      if (options.clip() != null) {
        throw new CaptureException(
            "snapshot '"
                + snapshotName
                + "': clip applies to page captures only; capture the WebDriver with a clip, or"
                + " capture the WebElement without one");
      }
    } else if (target instanceof WebDriver d) {
      driver = d;
    } else {
      throw new CaptureException(
          "snapshot '" + snapshotName + "': not a Selenium WebDriver or WebElement: " + target);
    }
    try {
      return new Capture(driver, element, options, snapshotName).run();
    } catch (WebDriverException e) {
      throw new CaptureException(
          "snapshot '" + snapshotName + "': Selenium could not take the screenshot: " + e, e);
    }
  }

  private static WebDriver driverOf(WebElement element, String snapshotName) {
    if (element instanceof WrapsDriver wraps) {
      return wraps.getWrappedDriver();
    }
    throw new CaptureException(
        "snapshot '"
            + snapshotName
            + "': cannot find the WebDriver of this WebElement ("
            + element.getClass().getName()
            + " does not implement WrapsDriver): capture the WebDriver with a clip instead");
  }

  private static WebDriver unwrap(WebDriver driver) {
    WebDriver current = driver;
    for (int i = 0; i < 10 && current instanceof WrapsDriver wraps; i++) {
      WebDriver inner = wraps.getWrappedDriver();
      if (inner == null || inner == current) {
        break;
      }
      current = inner;
    }
    return current;
  }

  /** One capture: the driver, the element and the options, with the page prepared and undone. */
  private static final class Capture {
    private final WebDriver driver;
    private final WebDriver innermost;
    private final WebElement element;
    private final CaptureOptions options;
    private final String name;
    private final JavascriptExecutor js;
    private final Optional<DevToolsAccess> devTools;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private Map<String, Object> pendingChanges = Map.of();
    private boolean changesApplied;
    private boolean scriptsViaDevTools;
    private boolean undone;

    Capture(WebDriver driver, WebElement element, CaptureOptions options, String name) {
      this.driver = driver;
      this.innermost = unwrap(driver);
      this.element = element;
      this.options = options;
      this.name = name;
      if (!(driver instanceof JavascriptExecutor executor)) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': "
                + driver.getClass().getName()
                + " cannot run JavaScript (not a JavascriptExecutor), which stable captures need");
      }
      if (!(driver instanceof TakesScreenshot)) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': "
                + driver.getClass().getName()
                + " cannot take screenshots (not TakesScreenshot)");
      }
      this.js = executor;
      this.devTools = DevToolsAccess.of(innermost);
    }

    CapturedImage run() {
      if (options.fullPage() && element == null) {
        requireFullPageSupport();
      }
      if (options.omitBackground() && devTools.isEmpty()) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': omitBackground needs a Chromium driver (DevTools protocol), not "
                + innermost.getClass().getName());
      }
      if (options.waitForNetworkIdle()) {
        waitForNetworkIdle();
      }
      List<WebElement> maskElements = new ArrayList<>();
      List<String> maskSelectors = new ArrayList<>();
      for (Object mask : options.masks()) {
        if (mask instanceof String selector) {
          maskSelectors.add(selector);
        } else if (mask instanceof WebElement webElement) {
          maskElements.add(webElement);
        } else {
          throw new CaptureException(
              "snapshot '"
                  + name
                  + "': a mask of type "
                  + mask.getClass().getName()
                  + " cannot be used with Selenium: pass a CSS selector string or a WebElement");
        }
      }
      scriptsViaDevTools = devTools.isPresent() && maskElements.isEmpty();
      Map<String, Object> changes = new LinkedHashMap<>();
      changes.put("css", injectedCss(options));
      changes.put("color", options.maskColor());
      changes.put("elements", maskElements);
      changes.put("selectors", maskSelectors);
      changes.put("disableAnimations", options.disableAnimations());
      pendingChanges = changes;
      boolean transparent = false;
      Throwable failure = null;
      try {
        if (options.omitBackground()) {
          transparent = true;
          devTools
              .get()
              .send(
                  "Emulation.setDefaultBackgroundColorOverride",
                  Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0)));
        }
        StableCapture.Result result = StableCapture.take(this::shoot, options, name);
        return new CapturedImage(result.png(), metadata(result.attempts()));
      } catch (RuntimeException | Error e) {
        failure = e;
        throw e;
      } finally {
        if (transparent && !unresponsive) {
          resetBackground(failure);
        }
        if (!undone && !unresponsive) {
          undo(failure);
        }
      }
    }

    /**
     * One screenshot; the first one also waits for fonts and applies the page changes. A first
     * screenshot with a quiet-page proof and no masks or user style leaves a page without a focused
     * editable element or anything to stop untouched; if the proof then fails, the changes are
     * applied before the next screenshot.
     */
    private Screenshotter.Shot shoot(boolean proveQuiet) {
      boolean first = facts.isEmpty();
      if (first || proveQuiet) {
        prepare(first, proveQuiet, first ? changes(proveQuiet) : null);
      } else if (!changesApplied) {
        prepare(false, false, changes(false));
      }
      // The calls after the first page script are bounded as well: a page can get stuck in a
      // script between them (a timer that fires during the screenshot).
      return (Screenshotter.Shot)
          answered(
              () -> screenshotAndFinish(proveQuiet),
              PageDeadline.millis(options),
              " while the screenshot was taken");
    }

    private Screenshotter.Shot screenshotAndFinish(boolean proveQuiet) {
      byte[] png = screenshot();
      boolean quiet = false;
      if (proveQuiet) {
        Map<String, Object> argument = new LinkedHashMap<>();
        // Without the injected style nothing hides a caret: a focused editable element fails the
        // proof.
        argument.put("hideCaret", options.hideCaret() && changesApplied);
        argument.put("undoIfQuiet", true);
        Object finished = runScript(PageScripts.FINISH, argument);
        if (finished instanceof Map<?, ?> map) {
          quiet = Boolean.TRUE.equals(map.get("quiet"));
          undone = Boolean.TRUE.equals(map.get("undone"));
        }
      }
      return new Screenshotter.Shot(png, quiet);
    }

    /** The page changes, which may be skipped ({@code optional}) when nothing needs them. */
    private Map<String, Object> changes(boolean optional) {
      Map<String, Object> changes = new LinkedHashMap<>(pendingChanges);
      changes.put(
          "optional",
          optional
              && options.style().isEmpty()
              && ((List<?>) changes.get("elements")).isEmpty()
              && ((List<?>) changes.get("selectors")).isEmpty());
      return changes;
    }

    private void prepare(boolean first, boolean watch, Map<String, Object> changes) {
      boolean waitForFonts = first && options.waitForFonts();
      long fontsTimeout = waitForFonts ? options.timeout().toMillis() : -1;
      // Usually the fonts are ready: a short probe saves asking the driver for its script timeout
      // (a round trip) on every capture; only when they are still loading is the full wait
      // bounded by that timeout.
      Object prepared =
          prepareScript(changes, fontsTimeout, waitForFonts ? FONTS_PROBE_MILLIS : -1, watch);
      if (prepared instanceof Map<?, ?> probed && Boolean.TRUE.equals(probed.get("fontsPending"))) {
        Duration scriptTimeout = driver.manage().timeouts().getScriptTimeout();
        if (scriptTimeout != null && scriptTimeout.toMillis() > 1000) {
          fontsTimeout = Math.min(fontsTimeout, scriptTimeout.toMillis() - 500);
        }
        prepared = prepareScript(changes, fontsTimeout, -1, watch);
      }
      if (!(prepared instanceof Map<?, ?> map) || map.containsKey("visualreviewError")) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': preparing the page failed: "
                + (prepared instanceof Map<?, ?> m ? m.get("visualreviewError") : prepared));
      }
      map.forEach((key, value) -> facts.put(String.valueOf(key), value));
      changesApplied |= Boolean.TRUE.equals(map.get("applied"));
      if (!Boolean.TRUE.equals(map.get("fontsLoaded"))) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': web fonts were still loading after "
                + fontsTimeout
                + " ms: check the font URLs, or raise the timeout (and the driver's script"
                + " timeout)");
      }
    }

    /** Whether the page stopped answering: nothing more is sent to it (it would wait as well). */
    private boolean unresponsive;

    private Object prepareScript(
        Map<String, Object> changes, long fontsTimeout, long fontsProbe, boolean watch) {
      Map<String, Object> argument = new LinkedHashMap<>();
      argument.put("fontsTimeoutMs", fontsTimeout);
      argument.put("fontsProbeMs", fontsProbe);
      argument.put("hideCaret", options.hideCaret());
      argument.put("watch", watch);
      argument.put("changes", changes);
      // Bounded: the driver waits for as long as the page's main thread is busy, so a page stuck
      // in a script would hold the test; the first script of every screenshot proves it answers.
      // The margin lets the script's own font wait (bounded by the timeout) report first.
      return answered(
          () -> runScript(PageScripts.PREPARE, argument), PageDeadline.millis(options), "");
    }

    /**
     * Runs {@code call} on a helper thread and gives up after {@code millis}; {@code when} says in
     * the error what was waited for.
     */
    private Object answered(Callable<Object> call, long millis, String when) {
      Future<Object> task = HELPERS.submit(call);
      try {
        return task.get(millis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        unresponsive = true;
        throw PageDeadline.notAnswering(name, millis, when, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new CaptureException("snapshot '" + name + "': " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        task.cancel(true);
        throw new CaptureException("snapshot '" + name + "': interrupted while capturing", e);
      }
    }

    /**
     * Runs one of the capture's page scripts. On Chromium drivers, when no mask is a WebElement
     * (which only executeScript can pass), every script of the capture is one DevTools {@code
     * Runtime.evaluate} in the top-level document, which chromedriver passes through about 2 ms
     * cheaper than an {@code executeScript}; otherwise {@code executeScript}, which waits for a
     * returned promise (W3C), cheaper than executeAsyncScript. One capture never mixes the two, so
     * the undo always runs in the document that was changed.
     */
    private Object runScript(String function, Map<String, Object> argument) {
      if (!scriptsViaDevTools) {
        return js.executeScript(PageScripts.forSelenium(function), argument);
      }
      String json;
      try {
        json = JSON.writeValueAsString(argument);
      } catch (JsonProcessingException e) {
        throw new CaptureException("snapshot '" + name + "': cannot pass the script argument", e);
      }
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("expression", "(" + function + ")(" + json + ")");
      parameters.put("returnByValue", true);
      parameters.put("awaitPromise", true);
      Map<String, Object> response = devTools.get().send("Runtime.evaluate", parameters);
      if (response.get("exceptionDetails") instanceof Map<?, ?> details) {
        Object thrown =
            details.get("exception") instanceof Map<?, ?> exception
                ? exception.get("description")
                : details.get("text");
        throw new WebDriverException("the capture's page script failed: " + thrown);
      }
      return response.get("result") instanceof Map<?, ?> result ? result.get("value") : null;
    }

    private void undo(Throwable failure) {
      try {
        runScript(PageScripts.UNDO, Map.of());
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }

    private byte[] screenshot() {
      double dpr = devicePixelRatio();
      boolean css = options.scale() == CaptureOptions.Scale.CSS;
      byte[] png;
      if (element != null && devTools.isPresent()) {
        return devToolsElement(devTools.get(), css ? 1.0 / dpr : 1.0);
      }
      if (element != null) {
        png = element.getScreenshotAs(OutputType.BYTES);
        return css ? CssPixels.normalise(png, dpr) : png;
      }
      if (options.fullPage() && devTools.isPresent()) {
        png = devToolsFullPage(devTools.get(), css ? 1.0 / dpr : 1.0);
      } else if (options.fullPage()) {
        png = firefoxFullPage();
        png = css ? CssPixels.normalise(png, dpr) : png;
      } else {
        png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        png = css ? CssPixels.normalise(png, dpr) : png;
      }
      CaptureOptions.Clip clip = options.clip();
      if (clip != null) {
        double factor = css ? 1.0 : dpr;
        png =
            CssPixels.crop(
                png,
                (int) Math.round(clip.x() * factor),
                (int) Math.round(clip.y() * factor),
                (int) Math.round(clip.width() * factor),
                (int) Math.round(clip.height() * factor));
      }
      return png;
    }

    private byte[] devToolsFullPage(DevToolsAccess cdp, double scale) {
      Object size = js.executeScript(PageScripts.forSelenium(FULL_PAGE_SIZE));
      if (!(size instanceof Map<?, ?> map)
          || !(map.get("width") instanceof Number width)
          || !(map.get("height") instanceof Number height)) {
        throw new CaptureException(
            "snapshot '" + name + "': cannot measure the page for a full-page screenshot");
      }
      return devToolsClip(cdp, 0, 0, width.doubleValue(), height.doubleValue(), scale);
    }

    /**
     * The element's document rectangle, captured beyond the viewport like a full page: the page is
     * laid out as one tall viewport, so sticky and fixed content stays where it is at the top and
     * is never painted over an element that a scroll would have put under it.
     */
    private byte[] devToolsElement(DevToolsAccess cdp, double scale) {
      Object rect = js.executeScript(ELEMENT_DOCUMENT_RECT, element);
      if (!(rect instanceof Map<?, ?> map)
          || !(map.get("x") instanceof Number x)
          || !(map.get("y") instanceof Number y)
          || !(map.get("width") instanceof Number width)
          || !(map.get("height") instanceof Number height)) {
        throw new CaptureException(
            "snapshot '" + name + "': cannot measure the element for its screenshot");
      }
      if (width.doubleValue() <= 0 || height.doubleValue() <= 0) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': the element has no area ("
                + width
                + "x"
                + height
                + " CSS pixels): wait until it is visible, or capture another element");
      }
      return devToolsClip(
          cdp, x.doubleValue(), y.doubleValue(), width.doubleValue(), height.doubleValue(), scale);
    }

    private byte[] devToolsClip(
        DevToolsAccess cdp, double x, double y, double width, double height, double scale) {
      Map<String, Object> clip = new LinkedHashMap<>();
      clip.put("x", x);
      clip.put("y", y);
      clip.put("width", width);
      clip.put("height", height);
      clip.put("scale", scale);
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("format", "png");
      parameters.put("captureBeyondViewport", true);
      parameters.put("fromSurface", true);
      parameters.put("clip", clip);
      Object data = cdp.send("Page.captureScreenshot", parameters).get("data");
      if (!(data instanceof String base64)) {
        throw new CaptureException(
            "snapshot '" + name + "': the DevTools protocol returned no screenshot data");
      }
      return Base64.getDecoder().decode(base64);
    }

    private byte[] firefoxFullPage() {
      try {
        Method method = innermost.getClass().getMethod("getFullPageScreenshotAs", OutputType.class);
        return (byte[]) method.invoke(innermost, OutputType.BYTES);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new CaptureException(
            "snapshot '" + name + "': the full-page screenshot failed: " + e.getCause(),
            e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new CaptureException(
            "snapshot '" + name + "': the full-page screenshot failed: " + e, e);
      }
    }

    private void requireFullPageSupport() {
      if (devTools.isPresent()) {
        return;
      }
      try {
        innermost.getClass().getMethod("getFullPageScreenshotAs", OutputType.class);
      } catch (NoSuchMethodException e) {
        throw new CaptureException(
            "snapshot '"
                + name
                + "': full-page screenshots are not supported by "
                + innermost.getClass().getName()
                + ": use a Chromium driver (ChromeDriver, EdgeDriver) or FirefoxDriver, or"
                + " capture the viewport (fullPage(false))");
      }
    }

    private double devicePixelRatio() {
      if (!facts.containsKey("devicePixelRatio")) {
        Object dpr = js.executeScript("return window.devicePixelRatio;");
        facts.put("devicePixelRatio", dpr);
      }
      return facts.get("devicePixelRatio") instanceof Number n && n.doubleValue() > 0
          ? n.doubleValue()
          : 1.0;
    }

    private void waitForNetworkIdle() {
      long deadline = System.nanoTime() + options.timeout().toNanos();
      String last = null;
      long quietSince = System.nanoTime();
      while (true) {
        String state = String.valueOf(js.executeScript(PageScripts.forSelenium(NETWORK_STATE)));
        long now = System.nanoTime();
        if (!state.equals(last) || !state.startsWith("complete/")) {
          last = state;
          quietSince = now;
        } else if (now - quietSince >= NETWORK_QUIET_MILLIS * 1_000_000) {
          return;
        }
        if (now - deadline > 0) {
          throw new CaptureException(
              "snapshot '"
                  + name
                  + "': the network was still busy after "
                  + options.timeout().toMillis()
                  + " ms (last state "
                  + state
                  + "): turn off waitForNetworkIdle for pages that poll, or raise the timeout");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CaptureException("interrupted while waiting for network idle", e);
        }
      }
    }

    private void resetBackground(Throwable primary) {
      try {
        devTools.get().send("Emulation.setDefaultBackgroundColorOverride", Map.of());
      } catch (RuntimeException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else {
          throw e;
        }
      }
    }

    private Map<String, Object> metadata(int attempts) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put(CaptureMetadata.ENGINE, "selenium");
      String os = CaptureMetadata.localOs();
      if (innermost instanceof HasCapabilities has) {
        Capabilities capabilities = has.getCapabilities();
        metadata.put(CaptureMetadata.BROWSER, capabilities.getBrowserName());
        metadata.put(CaptureMetadata.BROWSER_VERSION, capabilities.getBrowserVersion());
        if (capabilities.getPlatformName() != null) {
          os = capabilities.getPlatformName().toString().toLowerCase(Locale.ROOT);
        }
      } else {
        metadata.put(CaptureMetadata.BROWSER, String.valueOf(facts.get("userAgent")));
      }
      Object width = facts.get("width");
      Object height = facts.get("height");
      metadata.put(
          CaptureMetadata.VIEWPORT,
          width instanceof Number w && height instanceof Number h
              ? w.intValue() + "x" + h.intValue()
              : "unknown");
      metadata.put(CaptureMetadata.DEVICE_PIXEL_RATIO, devicePixelRatio());
      metadata.put(CaptureMetadata.OS, os);
      metadata.put(CaptureMetadata.SCALE, options.scale().name().toLowerCase(Locale.ROOT));
      metadata.put(CaptureMetadata.FULL_PAGE, options.fullPage());
      metadata.put(CaptureMetadata.ATTEMPTS, attempts);
      return metadata;
    }
  }
}
