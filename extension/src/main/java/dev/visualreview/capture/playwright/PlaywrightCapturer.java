package dev.visualreview.capture.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.microsoft.playwright.options.ScreenshotCaret;
import com.microsoft.playwright.options.ScreenshotScale;
import com.microsoft.playwright.options.ScreenshotType;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.CaptureException;
import dev.visualreview.capture.CaptureMetadata;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.PageDeadline;
import dev.visualreview.capture.PageScripts;
import dev.visualreview.capture.Screenshotter;
import dev.visualreview.capture.StableCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Captures a Playwright {@link Page} (viewport or full page) or {@link Locator} (one element). */
public final class PlaywrightCapturer {
  private PlaywrightCapturer() {}

  /**
   * Captures a {@code Page} or {@code Locator}.
   *
   * @param target a Playwright Page or Locator
   */
  public static CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    Page page;
    Locator element;
    if (target instanceof Page p) {
      page = p;
      element = null;
    } else if (target instanceof Locator l) {
      page = l.page();
      element = l;
      if (options.clip() != null) {
        throw new CaptureException(
            "snapshot '"
                + snapshotName
                + "': clip applies to page captures only; capture the Page with a clip, or"
                + " capture the Locator without one");
      }
    } else {
      throw new CaptureException(
          "snapshot '" + snapshotName + "': not a Playwright Page or Locator: " + target);
    }
    try {
      return capture(page, element, options, snapshotName);
    } catch (PlaywrightException e) {
      throw new CaptureException(
          "snapshot '" + snapshotName + "': Playwright could not take the screenshot: " + e, e);
    }
  }

  private static CapturedImage capture(
      Page page, Locator element, CaptureOptions options, String snapshotName) {
    double timeoutMillis = options.timeout().toMillis();
    if (options.waitForNetworkIdle()) {
      page.waitForLoadState(
          LoadState.NETWORKIDLE, new Page.WaitForLoadStateOptions().setTimeout(timeoutMillis));
    }
    List<Locator> masks = masks(page, options, snapshotName);
    Map<String, Object> pageFacts = new LinkedHashMap<>();
    boolean directAllowed =
        DirectScreenshot.optionsAllow(options, element != null, !masks.isEmpty());
    long answerMillis = PageDeadline.millis(options);
    Screenshotter screenshotter =
        proveQuiet -> {
          boolean first = pageFacts.isEmpty();
          boolean allowAnimations = false;
          boolean direct = false;
          if (first || proveQuiet) {
            pageFacts.putAll(prepare(page, options, first, proveQuiet, snapshotName));
            // Nothing is animating: Playwright's animation stopping would be wasted work, and if
            // something starts during the screenshot the quiet proof fails and it is retaken.
            allowAnimations =
                proveQuiet
                    && pageFacts.get("running") instanceof Number running
                    && running.intValue() == 0;
            // A calm page leaves Playwright's screenshot preparation nothing to do; the proof
            // below still decides whether this one screenshot is accepted.
            direct = proveQuiet && directAllowed;
          }
          boolean disable = options.disableAnimations() && !allowAnimations;
          // The calls after the first page script are bounded as well: a page can get stuck in a
          // script between them (a timer that fires during the screenshot).
          try (AnswerDeadline deadline = new AnswerDeadline(answerMillis)) {
            try {
              byte[] png = direct ? DirectScreenshot.take(page, pageFacts).orElse(null) : null;
              if (png == null) {
                png =
                    element == null
                        ? page.screenshot(pageOptions(options, disable, masks, timeoutMillis))
                        : element.screenshot(
                            locatorOptions(options, disable, masks, timeoutMillis));
              }
              boolean quiet = proveQuiet && finishedQuietly(page, options);
              return new Screenshotter.Shot(png, quiet);
            } catch (PlaywrightException e) {
              if (!deadline.passed()) {
                throw e;
              }
              throw PageDeadline.notAnswering(
                  snapshotName, answerMillis, " while the screenshot was taken", e);
            }
          }
        };
    StableCapture.Result result = StableCapture.take(screenshotter, options, snapshotName);
    return new CapturedImage(result.png(), metadata(page, options, pageFacts, result.attempts()));
  }

  private static Map<String, Object> prepare(
      Page page, CaptureOptions options, boolean first, boolean watch, String snapshotName) {
    int fontsTimeout =
        first && options.waitForFonts()
            ? (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis())
            : -1;
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("fontsTimeoutMs", fontsTimeout);
    argument.put("hideCaret", options.hideCaret());
    argument.put("watch", watch);
    // Bounded: the first call of every screenshot also proves the page still answers, so a page
    // stuck in a script fails within the timeout instead of holding the test. The margin lets the
    // script's own font wait (bounded by the timeout) report first.
    long answerMillis = PageDeadline.millis(options);
    Map<String, Object> facts;
    try (AnswerDeadline deadline = new AnswerDeadline(answerMillis)) {
      try {
        facts = PageEvaluation.evaluate(page, PageScripts.PREPARE, argument);
      } catch (PlaywrightException e) {
        if (!deadline.passed()) {
          throw e;
        }
        throw PageDeadline.notAnswering(snapshotName, answerMillis, "", e);
      }
    }
    if (!Boolean.TRUE.equals(facts.get("fontsLoaded"))) {
      throw new CaptureException(
          "snapshot '"
              + snapshotName
              + "': web fonts were still loading after "
              + options.timeout().toMillis()
              + " ms: check the font URLs, or raise the timeout");
    }
    return facts;
  }

  private static boolean finishedQuietly(Page page, CaptureOptions options) {
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("hideCaret", options.hideCaret());
    argument.put("undoIfQuiet", false);
    return Boolean.TRUE.equals(
        PageEvaluation.evaluate(page, PageScripts.FINISH, argument).get("quiet"));
  }

  private static Page.ScreenshotOptions pageOptions(
      CaptureOptions options,
      boolean disableAnimations,
      List<Locator> masks,
      double timeoutMillis) {
    Page.ScreenshotOptions screenshot =
        new Page.ScreenshotOptions()
            .setType(ScreenshotType.PNG)
            .setFullPage(options.fullPage())
            .setAnimations(
                disableAnimations ? ScreenshotAnimations.DISABLED : ScreenshotAnimations.ALLOW)
            .setCaret(options.hideCaret() ? ScreenshotCaret.HIDE : ScreenshotCaret.INITIAL)
            .setScale(
                options.scale() == CaptureOptions.Scale.DEVICE
                    ? ScreenshotScale.DEVICE
                    : ScreenshotScale.CSS)
            .setOmitBackground(options.omitBackground())
            .setTimeout(timeoutMillis);
    if (!masks.isEmpty()) {
      screenshot.setMask(masks).setMaskColor(options.maskColor());
    }
    if (!options.style().isEmpty()) {
      screenshot.setStyle(options.style());
    }
    CaptureOptions.Clip clip = options.clip();
    if (clip != null) {
      screenshot.setClip(clip.x(), clip.y(), clip.width(), clip.height());
    }
    return screenshot;
  }

  private static Locator.ScreenshotOptions locatorOptions(
      CaptureOptions options,
      boolean disableAnimations,
      List<Locator> masks,
      double timeoutMillis) {
    Locator.ScreenshotOptions screenshot =
        new Locator.ScreenshotOptions()
            .setType(ScreenshotType.PNG)
            .setAnimations(
                disableAnimations ? ScreenshotAnimations.DISABLED : ScreenshotAnimations.ALLOW)
            .setCaret(options.hideCaret() ? ScreenshotCaret.HIDE : ScreenshotCaret.INITIAL)
            .setScale(
                options.scale() == CaptureOptions.Scale.DEVICE
                    ? ScreenshotScale.DEVICE
                    : ScreenshotScale.CSS)
            .setOmitBackground(options.omitBackground())
            .setTimeout(timeoutMillis);
    if (!masks.isEmpty()) {
      screenshot.setMask(masks).setMaskColor(options.maskColor());
    }
    if (!options.style().isEmpty()) {
      screenshot.setStyle(options.style());
    }
    return screenshot;
  }

  private static List<Locator> masks(Page page, CaptureOptions options, String snapshotName) {
    List<Locator> masks = new ArrayList<>();
    for (Object mask : options.masks()) {
      if (mask instanceof String selector) {
        masks.add(page.locator(selector));
      } else if (mask instanceof Locator locator) {
        masks.add(locator);
      } else {
        throw new CaptureException(
            "snapshot '"
                + snapshotName
                + "': a mask of type "
                + mask.getClass().getName()
                + " cannot be used with Playwright: pass a CSS selector string or a Locator");
      }
    }
    return masks;
  }

  private static Map<String, Object> metadata(
      Page page, CaptureOptions options, Map<String, Object> facts, int attempts) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(CaptureMetadata.ENGINE, "playwright");
    Browser browser = page.context().browser();
    if (browser != null) {
      metadata.put(CaptureMetadata.BROWSER, browser.browserType().name());
      metadata.put(CaptureMetadata.BROWSER_VERSION, browser.version());
    } else {
      metadata.put(CaptureMetadata.BROWSER, String.valueOf(facts.get("userAgent")));
    }
    metadata.put(CaptureMetadata.VIEWPORT, viewport(facts));
    Object dpr = facts.get("devicePixelRatio");
    metadata.put(
        CaptureMetadata.DEVICE_PIXEL_RATIO, dpr instanceof Number n ? n.doubleValue() : 1.0);
    metadata.put(CaptureMetadata.OS, CaptureMetadata.localOs());
    metadata.put(CaptureMetadata.SCALE, options.scale().name().toLowerCase(Locale.ROOT));
    metadata.put(CaptureMetadata.FULL_PAGE, options.fullPage());
    metadata.put(CaptureMetadata.ATTEMPTS, attempts);
    return metadata;
  }

  private static String viewport(Map<String, Object> facts) {
    Object width = facts.get("width");
    Object height = facts.get("height");
    if (width instanceof Number w && height instanceof Number h) {
      return w.intValue() + "x" + h.intValue();
    }
    return "unknown";
  }
}
