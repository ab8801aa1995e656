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
import dev.visualreview.capture.CaptureFailures;
import dev.visualreview.capture.CaptureMetadata;
import dev.visualreview.capture.ElementBox;
import dev.visualreview.capture.PageChanges;
import dev.visualreview.capture.PageDeadline;
import dev.visualreview.capture.PageFacts;
import dev.visualreview.capture.PageScripts;
import dev.visualreview.capture.PageSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Playwright page (and, for an element capture, its Locator) as a {@link PageSession}. The page
 * scripts go through {@link PageEvaluation}; the screenshot is Playwright's own, which masks, hides
 * the caret and adds the user's style, or on a calm Chromium page the {@link DirectScreenshot}. The
 * page scripts pause animations themselves (Playwright's own animation stopping would cancel
 * infinite ones), so Playwright is told to leave animations alone. Each call is bounded by an
 * {@link AnswerDeadline}; Playwright is only used from the calling thread.
 */
final class PlaywrightSession implements PageSession {
  private final Page page;
  private final Locator element;
  private final CaptureOptions options;
  private final String name;
  private final List<Locator> masks;
  private final boolean directAllowed;
  private final long answerMillis;
  private boolean unresponsive;

  PlaywrightSession(Page page, Locator element, CaptureOptions options, String name) {
    this.page = page;
    this.element = element;
    this.options = options;
    this.name = name;
    this.masks = masks(page, options, name);
    this.directAllowed = DirectScreenshot.optionsAllow(options, element != null, !masks.isEmpty());
    this.answerMillis = PageDeadline.millis(options);
  }

  /**
   * For an element capture: fails at once when the locator matches nothing or its element has
   * nothing to capture, where Playwright's element screenshot would wait for the whole timeout.
   *
   * <p>One call counts the matches, scrolls the element into view if needed, as Playwright's
   * element screenshot does (centred, only when not in view), and measures it. Scrolled before the
   * capture starts, the page no longer scrolls during the screenshot, so the quiet-page proof can
   * hold.
   */
  void requireVisibleElement() {
    if (element == null) {
      return;
    }
    Object found =
        bounded(() -> element.evaluateAll(PageScripts.ELEMENTS_BOX, Map.of("scroll", true)), "");
    Map<?, ?> box = found instanceof Map<?, ?> map ? map : Map.of();
    int count = box.get("count") instanceof Number n ? n.intValue() : 0;
    if (count == 0) {
      throw CaptureFailures.nothingToCapture(
          name,
          element.toString(),
          "matches nothing in the page (is it detached or not there yet?)");
    }
    if (count > 1) {
      throw CaptureFailures.of(
          name,
          "the locator "
              + element
              + " matches "
              + count
              + " elements, and an element capture takes one: make the locator match one element"
              + " (a more precise selector, or .first()/.nth(i)), or capture the page with a"
              + " clip");
    }
    ElementBox.of(box).requireVisible(name, element.toString());
  }

  @Override
  public PageChanges changes(CaptureOptions options) {
    return PageChanges.animationsOnly(options.disableAnimations());
  }

  @Override
  public boolean hidesCaret() {
    return true;
  }

  @Override
  public void waitForNetworkIdle() {
    page.waitForLoadState(
        LoadState.NETWORKIDLE,
        new Page.WaitForLoadStateOptions().setTimeout(options.timeout().toMillis()));
  }

  @Override
  public Map<?, ?> evaluate(String function, Map<String, Object> argument, String when) {
    return bounded(() -> PageEvaluation.evaluate(page, function, argument), when);
  }

  @Override
  public byte[] screenshot(PageFacts facts, boolean calm) {
    // A calm page leaves Playwright's screenshot preparation nothing to do; the quiet-page proof
    // that follows still decides whether this one screenshot is accepted.
    boolean direct = calm && directAllowed;
    return bounded(
        () -> {
          byte[] png = direct ? DirectScreenshot.take(page, facts).orElse(null) : null;
          if (png != null) {
            return png;
          }
          double timeout = options.timeout().toMillis();
          return element == null
              ? page.screenshot(pageOptions(timeout))
              : element.screenshot(locatorOptions(timeout));
        },
        " while the screenshot was taken");
  }

  @Override
  public boolean unresponsive() {
    return unresponsive;
  }

  @Override
  public CaptureMetadata.BrowserDescription browser(PageFacts facts) {
    Browser browser = page.context().browser();
    return browser != null
        ? new CaptureMetadata.BrowserDescription(
            "playwright",
            browser.browserType().name(),
            browser.version(),
            CaptureMetadata.localOs())
        : new CaptureMetadata.BrowserDescription(
            "playwright", facts.userAgent(), null, CaptureMetadata.localOs());
  }

  /** Runs a Playwright call within the page deadline; a passed deadline marks the page stuck. */
  private <T> T bounded(Supplier<T> call, String when) {
    try (AnswerDeadline deadline = new AnswerDeadline(answerMillis)) {
      try {
        return call.get();
      } catch (PlaywrightException e) {
        if (!deadline.passed()) {
          throw e;
        }
        unresponsive = true;
        throw PageDeadline.notAnswering(name, answerMillis, when, e);
      }
    }
  }

  private Page.ScreenshotOptions pageOptions(double timeoutMillis) {
    Page.ScreenshotOptions screenshot =
        new Page.ScreenshotOptions()
            .setType(ScreenshotType.PNG)
            .setFullPage(options.fullPage())
            .setAnimations(ScreenshotAnimations.ALLOW)
            .setCaret(options.hideCaret() ? ScreenshotCaret.HIDE : ScreenshotCaret.INITIAL)
            .setScale(scale())
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

  private Locator.ScreenshotOptions locatorOptions(double timeoutMillis) {
    Locator.ScreenshotOptions screenshot =
        new Locator.ScreenshotOptions()
            .setType(ScreenshotType.PNG)
            .setAnimations(ScreenshotAnimations.ALLOW)
            .setCaret(options.hideCaret() ? ScreenshotCaret.HIDE : ScreenshotCaret.INITIAL)
            .setScale(scale())
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

  private ScreenshotScale scale() {
    return options.scale() == CaptureOptions.Scale.DEVICE
        ? ScreenshotScale.DEVICE
        : ScreenshotScale.CSS;
  }

  private static List<Locator> masks(Page page, CaptureOptions options, String name) {
    List<Locator> masks = new ArrayList<>();
    for (Object mask : options.masks()) {
      if (mask instanceof String selector) {
        masks.add(page.locator(selector));
      } else if (mask instanceof Locator locator) {
        masks.add(locator);
      } else {
        throw CaptureFailures.wrongMask(name, mask, "Playwright");
      }
    }
    return masks;
  }
}
