package dev.visualreview.capture;

/**
 * JavaScript shared by the browser engines, written as function expressions. Playwright evaluates
 * them as they are; Selenium wraps them with {@link #forSelenium(String)} or {@link
 * #forSeleniumAsync(String)}.
 */
public final class PageScripts {
  /** Prefix of every element id this library injects into a page. */
  public static final String INJECTED_ID_PREFIX = "visualreview-";

  /**
   * Waits for {@code document.fonts.ready}, at most {@code timeoutMs}; resolves to {@code true}
   * when fonts are loaded, {@code false} on timeout.
   */
  public static final String WAIT_FOR_FONTS =
      """
      (timeoutMs) => new Promise((resolve) => {
        if (!document.fonts || !document.fonts.ready) { resolve(true); return; }
        const timer = setTimeout(() => resolve(false), timeoutMs);
        document.fonts.ready.then(() => { clearTimeout(timer); resolve(true); },
                                  () => { clearTimeout(timer); resolve(true); });
      })
      """;

  private static final String PAGE_STATE =
      """
      const visualreviewPageState = (hideCaret) => {
        const running = typeof document.getAnimations === 'function'
          ? document.getAnimations().filter((a) => a.playState === 'running').length : 0;
        const images = Array.from(document.images).filter((i) => !i.complete).length;
        const dynamic = document.querySelector(
          'canvas, video, iframe, frame, embed, object, marquee, animate, animateMotion,'
          + ' animateTransform, set, img[src$=".gif" i], img[src$=".webp" i],'
          + ' img[src$=".apng" i]') !== null;
        const active = document.activeElement;
        const editable = !!active && (active.isContentEditable
          || active.localName === 'input' || active.localName === 'textarea');
        return {
          running, images, dynamic,
          caretRisk: editable && !hideCaret,
          fonts: document.fonts ? document.fonts.status : 'loaded',
          ready: document.readyState,
          scroll: window.scrollX + ',' + window.scrollY,
          size: window.innerWidth + 'x' + window.innerHeight,
        };
      };
      """;

  /**
   * Starts watching the page for changes before a screenshot; returns the page facts the metadata
   * needs: {@code devicePixelRatio}, {@code width}, {@code height} (viewport, CSS pixels) and
   * {@code userAgent}. Argument: whether the caret will be hidden.
   */
  public static final String QUIET_BEGIN =
      "(hideCaret) => {\n"
          + PAGE_STATE
          + """
            const ours = (n) => !!n && n.nodeType === 1 && (n.localName === 'style'
              || n.localName.startsWith('x-pw-') || (n.id || '').startsWith('visualreview-'));
            const insideOurs = (n) => {
              for (let e = n; e; e = e.parentNode || e.host) {
                if (e.nodeType === 1 && (e.localName.startsWith('x-pw-')
                    || (e.id || '').startsWith('visualreview-'))) return true;
              }
              return false;
            };
            const previous = window.__visualreviewQuiet;
            if (previous) previous.observer.disconnect();
            const watch = { mutations: 0, before: visualreviewPageState(hideCaret) };
            watch.count = (records) => {
              for (const r of records) {
                if (insideOurs(r.target)) continue;
                if (r.type === 'childList'
                    && Array.from(r.addedNodes).concat(Array.from(r.removedNodes)).every(ours)) {
                  continue;
                }
                watch.mutations++;
              }
            };
            watch.observer = new MutationObserver(watch.count);
            watch.observer.observe(document, { subtree: true, childList: true,
              attributes: true, characterData: true });
            window.__visualreviewQuiet = watch;
            return { devicePixelRatio: window.devicePixelRatio, width: window.innerWidth,
                     height: window.innerHeight, userAgent: navigator.userAgent };
          }
          """;

  /**
   * Ends the watch started by {@link #QUIET_BEGIN}: {@code true} only if the page was provably
   * quiet (no DOM change, nothing animating or loading, no dynamic content, same scroll and size).
   */
  public static final String QUIET_END =
      "(hideCaret) => {\n"
          + PAGE_STATE
          + """
            const watch = window.__visualreviewQuiet;
            if (!watch) return false;
            delete window.__visualreviewQuiet;
            watch.count(watch.observer.takeRecords());
            watch.observer.disconnect();
            const before = watch.before;
            const after = visualreviewPageState(hideCaret);
            const calm = (s) => s.running === 0 && s.images === 0 && !s.dynamic && !s.caretRisk
              && s.fonts === 'loaded' && s.ready === 'complete';
            return watch.mutations === 0 && calm(before) && calm(after)
              && before.scroll === after.scroll && before.size === after.size;
          }
          """;

  private PageScripts() {}

  /** Wraps a function expression for Selenium's {@code executeScript}. */
  public static String forSelenium(String functionExpression) {
    return "return (" + functionExpression + ").apply(null, arguments);";
  }

  /** Wraps a promise-returning function expression for Selenium's {@code executeAsyncScript}. */
  public static String forSeleniumAsync(String functionExpression) {
    return "const done = arguments[arguments.length - 1];"
        + " const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
        + " Promise.resolve(("
        + functionExpression
        + ").apply(null, args)).then(done, (e) => done({ visualreviewError: String(e) }));";
  }
}
