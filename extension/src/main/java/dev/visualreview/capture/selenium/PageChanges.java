package dev.visualreview.capture.selenium;

import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.PageScripts;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The temporary changes Selenium captures make to the page: a {@code <style>} element (caret,
 * transitions, the user's CSS), one overlay layer with a box per masked element, and stopped
 * animations. {@link #undo()} removes all of it and restarts the stopped infinite animations.
 */
final class PageChanges {
  static final String STYLE_ID = PageScripts.INJECTED_ID_PREFIX + "style";
  static final String MASK_LAYER_ID = PageScripts.INJECTED_ID_PREFIX + "masks";

  private static final String APPLY =
      """
      (styleId, layerId, css, color, elements, selectors, disableAnimations) => {
        const root = document.documentElement;
        if (css) {
          const style = document.createElement('style');
          style.id = styleId;
          style.textContent = css;
          (document.head || root).appendChild(style);
        }
        const targets = elements.slice();
        for (const selector of selectors) {
          targets.push(...document.querySelectorAll(selector));
        }
        if (targets.length > 0) {
          const layer = document.createElement('div');
          layer.id = layerId;
          layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;margin:0;'
            + 'padding:0;border:0;overflow:visible;pointer-events:none;z-index:2147483647;';
          for (const target of targets) {
            const r = target.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const box = document.createElement('div');
            box.style.cssText = 'position:absolute;margin:0;padding:0;border:0;'
              + 'left:' + (r.left + window.scrollX) + 'px;top:' + (r.top + window.scrollY) + 'px;'
              + 'width:' + r.width + 'px;height:' + r.height + 'px;background:' + color + ';';
            layer.appendChild(box);
          }
          root.appendChild(layer);
        }
        const resume = [];
        let stopped = 0;
        if (disableAnimations && typeof document.getAnimations === 'function') {
          for (const animation of document.getAnimations()) {
            const timing = animation.effect ? animation.effect.getComputedTiming() : null;
            if (timing && timing.endTime === Infinity) {
              if (animation.playState === 'running') {
                animation.cancel();
                resume.push(animation);
                stopped++;
              }
            } else if (animation.playState !== 'finished') {
              try { animation.finish(); } catch (e) { animation.cancel(); }
              stopped++;
            }
          }
        }
        window.__visualreviewResume = resume;
        return stopped;
      }
      """;

  /**
   * Resolves after two animation frames, so that stopped compositor animations (transforms,
   * opacity) are painted in their stopped state before the screenshot.
   */
  private static final String NEXT_FRAMES =
      """
      () => new Promise((resolve) => {
        const fallback = setTimeout(() => resolve(false), 500);
        requestAnimationFrame(() => requestAnimationFrame(() => {
          clearTimeout(fallback);
          resolve(true);
        }));
      })
      """;

  private static final String UNDO =
      """
      (styleId, layerId) => {
        for (const id of [styleId, layerId]) {
          const node = document.getElementById(id);
          if (node) node.remove();
        }
        const resume = window.__visualreviewResume || [];
        delete window.__visualreviewResume;
        for (const animation of resume) {
          try { animation.play(); } catch (e) { /* removed from the document meanwhile */ }
        }
        return true;
      }
      """;

  private final JavascriptExecutor js;

  private PageChanges(JavascriptExecutor js) {
    this.js = js;
  }

  static PageChanges apply(
      JavascriptExecutor js,
      CaptureOptions options,
      List<WebElement> maskElements,
      List<String> maskSelectors) {
    PageChanges changes = new PageChanges(js);
    try {
      Object stopped =
          js.executeScript(
              PageScripts.forSelenium(APPLY),
              STYLE_ID,
              MASK_LAYER_ID,
              css(options),
              options.maskColor(),
              maskElements,
              maskSelectors,
              options.disableAnimations());
      if (stopped instanceof Number n && n.longValue() > 0) {
        js.executeAsyncScript(PageScripts.forSeleniumAsync(NEXT_FRAMES));
      }
    } catch (RuntimeException e) {
      changes.undoQuietly(e);
      throw e;
    }
    return changes;
  }

  void undo() {
    js.executeScript(PageScripts.forSelenium(UNDO), STYLE_ID, MASK_LAYER_ID);
  }

  void undoQuietly(Throwable primary) {
    try {
      undo();
    } catch (RuntimeException e) {
      primary.addSuppressed(e);
    }
  }

  static String css(CaptureOptions options) {
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
}
