package dev.visualreview.capture;

/**
 * JavaScript shared by the browser engines, written as function expressions of one object argument.
 * Playwright evaluates them as they are; Selenium wraps them with {@link #forSelenium(String)} (W3C
 * Execute Script waits for a returned promise).
 *
 * <p>To keep a stable capture close to the cost of one plain screenshot, everything before the
 * screenshot is one call ({@link #PREPARE}) and everything after it is one call ({@link #FINISH}).
 */
public final class PageScripts {
  /** Prefix of every element id this library injects into a page. */
  public static final String INJECTED_ID_PREFIX = "visualreview-";

  /** Id of the injected {@code <style>} element. */
  public static final String STYLE_ID = INJECTED_ID_PREFIX + "style";

  /** Id of the injected mask overlay layer. */
  public static final String MASK_LAYER_ID = INJECTED_ID_PREFIX + "masks";

  private static final String HELPERS =
      """
      // The animations of the document and of its same-origin frames.
      const animations = () => {
        const all = [];
        const collect = (doc) => {
          if (!doc || typeof doc.getAnimations !== 'function') return;
          all.push(...doc.getAnimations());
          for (const frame of doc.querySelectorAll('iframe, frame')) {
            try { collect(frame.contentDocument); } catch (e) { /* another origin */ }
          }
        };
        collect(document);
        return all;
      };
      const infinite = (a) => {
        const timing = a.effect ? a.effect.getComputedTiming() : null;
        return !!timing && timing.endTime === Infinity;
      };
      // Infinite animations that run, and finite ones that have not finished.
      const toStop = (a) => infinite(a) ? a.playState === 'running' : a.playState !== 'finished';
      const pageState = (hideCaret) => {
        const running = animations().filter((a) => a.playState === 'running').length;
        const images = Array.from(document.images).filter((i) => !i.complete).length;
        const dynamic = document.querySelector(
          'canvas, video, iframe, frame, embed, object, marquee, animate, animateMotion,'
          + ' animateTransform, set, img[src$=".gif" i], img[src$=".webp" i],'
          + ' img[src$=".apng" i]') !== null;
        // The focused element, also inside open shadow roots, where a caret can blink too.
        let active = document.activeElement;
        while (active && active.shadowRoot && active.shadowRoot.activeElement) {
          active = active.shadowRoot.activeElement;
        }
        const editable = !!active && (active.isContentEditable
          || active.localName === 'input' || active.localName === 'textarea');
        return {
          running, images, dynamic, editable,
          caretRisk: editable && !hideCaret,
          fonts: document.fonts ? document.fonts.status : 'loaded',
          ready: document.readyState,
          scroll: window.scrollX + ',' + window.scrollY,
          size: window.innerWidth + 'x' + window.innerHeight,
        };
      };
      const calm = (s) => s.running === 0 && s.images === 0 && !s.dynamic && !s.caretRisk
        && s.fonts === 'loaded' && s.ready === 'complete';
      const undoChanges = () => {
        for (const id of ['%1$s', '%2$s']) {
          const node = document.getElementById(id);
          if (node) node.remove();
        }
        const resume = window.__visualreviewResume || [];
        delete window.__visualreviewResume;
        for (const paused of resume) {
          try {
            // Back to where the animation would be had it never paused.
            paused.animation.play();
            if (paused.startTime !== null) paused.animation.startTime = paused.startTime;
          } catch (e) { /* removed from the document meanwhile */ }
        }
      };
      """
          .formatted(STYLE_ID, MASK_LAYER_ID);

  /**
   * Before the first screenshot. Argument fields: {@code fontsTimeoutMs} (negative: do not wait for
   * web fonts), {@code fontsProbeMs} (optional; when shorter than {@code fontsTimeoutMs} and the
   * fonts are not ready within it, resolves at once to {@code fontsPending: true} without changing
   * the page, so the caller can bound the full wait by its script timeout), {@code hideCaret},
   * {@code watch} (start the quiet-page watch), and {@code changes} (null, or the temporary page
   * changes, see {@link PageChanges#argument(boolean)}: {@code css}, {@code caretByCss}, {@code
   * color}, {@code elements}, {@code selectors}, {@code disableAnimations}, and {@code optional}:
   * make them only if the caret CSS would hide the caret of a focused editable element or an
   * animation would be stopped). Infinite animations are paused at their first frame, finite ones
   * finished, in the document and its same-origin frames. Resolves to {@code fontsLoaded}, {@code
   * applied} (whether the changes were made), {@code stopped} (animations stopped), {@code running}
   * (animations still running), {@code editable} (an input, textarea or editable element has focus,
   * also inside a shadow root), {@code calm} (the page passes the quiet checks right now), {@code
   * devicePixelRatio}, {@code width}, {@code height} (viewport), {@code pageLeft}, {@code pageTop}
   * and {@code zoom} (the visual viewport's offset in the document and its pinch-zoom scale),
   * {@code visible} (the page is shown, so it paints frames) and {@code userAgent}.
   */
  public static final String PREPARE =
      "async (o) => {\n"
          + HELPERS
          + """
            let fontsLoaded = true;
            if (o.fontsTimeoutMs >= 0 && document.fonts && document.fonts.ready) {
              const probe = o.fontsProbeMs >= 0 && o.fontsProbeMs < o.fontsTimeoutMs;
              const wait = probe ? o.fontsProbeMs : o.fontsTimeoutMs;
              fontsLoaded = await new Promise((resolve) => {
                const timer = setTimeout(() => resolve(false), wait);
                const done = () => { clearTimeout(timer); resolve(true); };
                document.fonts.ready.then(done, done);
              });
              if (!fontsLoaded && probe) return { fontsPending: true };
            }
            let stopped = 0;
            const c = o.changes;
            // Changes that only hide a caret and stop animations are skipped when there is no
            // focused editable element and nothing to stop: the page is left untouched.
            const needed = !!c && (!c.optional || (c.caretByCss && pageState(true).editable)
              || (c.disableAnimations && animations().some(toStop)));
            if (needed) {
              const root = document.documentElement;
              if (c.css) {
                const style = document.createElement('style');
                style.id = '%1$s';
                style.textContent = c.css;
                (document.head || root).appendChild(style);
              }
              const targets = c.elements.slice();
              for (const selector of c.selectors) targets.push(...document.querySelectorAll(selector));
              if (targets.length > 0) {
                const layer = document.createElement('div');
                layer.id = '%2$s';
                layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;margin:0;'
                  + 'padding:0;border:0;overflow:visible;pointer-events:none;z-index:2147483647;';
                for (const target of targets) {
                  const r = target.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0) continue;
                  const box = document.createElement('div');
                  box.style.cssText = 'position:absolute;margin:0;padding:0;border:0;'
                    + 'left:' + (r.left + window.scrollX) + 'px;top:' + (r.top + window.scrollY)
                    + 'px;width:' + r.width + 'px;height:' + r.height + 'px;background:'
                    + c.color + ';';
                  layer.appendChild(box);
                }
                root.appendChild(layer);
              }
              const resume = [];
              if (c.disableAnimations) {
                for (const animation of animations().filter(toStop)) {
                  if (infinite(animation)) {
                    // Paused at its first frame (the start of its active phase), so the styles
                    // of its first keyframe apply; cancelling would drop them.
                    const startTime = animation.startTime;
                    const first = Math.max(0, animation.effect.getComputedTiming().delay || 0);
                    animation.pause();
                    animation.currentTime = first;
                    resume.push({ animation, startTime, first });
                  } else {
                    try { animation.finish(); } catch (e) { animation.cancel(); }
                  }
                  stopped++;
                }
              }
              window.__visualreviewResume = resume;
              if (stopped > 0) {
                // Let stopped compositor animations (transform, opacity) paint in their new state.
                const frames = (n) => new Promise((resolve) => {
                  const fallback = setTimeout(resolve, 500);
                  const next = (left) => requestAnimationFrame(() => {
                    if (left > 1) { next(left - 1); return; }
                    clearTimeout(fallback);
                    resolve();
                  });
                  next(n);
                });
                await frames(2);
                if (resume.length > 0) {
                  // On a busy machine a paused animation that ran on the compositor could stay
                  // drawn a frame or two past its first (a spinner came out rotated in about one
                  // capture in six at load 9): the compositor kept its own last value, as the
                  // page's value had not changed. Moving the animations a millisecond and back,
                  // a frame apart, makes the page send its value again.
                  for (const p of resume) p.animation.currentTime = p.first + 1;
                  await frames(1);
                  for (const p of resume) p.animation.currentTime = p.first;
                  await frames(2);
                }
              }
            }
            const state = pageState(o.hideCaret);
            if (o.watch) {
              const ours = (n) => !!n && n.nodeType === 1 && (n.localName === 'style'
                || n.localName.startsWith('x-pw-') || (n.id || '').startsWith('%3$s'));
              const insideOurs = (n) => {
                for (let e = n; e; e = e.parentNode || e.host) {
                  if (e.nodeType === 1 && (e.localName.startsWith('x-pw-')
                      || (e.id || '').startsWith('%3$s'))) return true;
                }
                return false;
              };
              const previous = window.__visualreviewQuiet;
              if (previous) previous.observer.disconnect();
              // styles: the style attribute values an element went through, judged at the end
              // (FINISH), when the whole sequence is known.
              const watch = { mutations: 0, before: state, styles: new Map() };
              watch.count = (records) => {
                for (const r of records) {
                  if (insideOurs(r.target)) continue;
                  if (r.type === 'childList'
                      && Array.from(r.addedNodes).concat(Array.from(r.removedNodes)).every(ours)) {
                    continue;
                  }
                  if (r.type === 'attributes' && r.attributeName === 'style') {
                    const values = watch.styles.get(r.target) || [];
                    values.push(r.oldValue);
                    watch.styles.set(r.target, values);
                    continue;
                  }
                  watch.mutations++;
                }
              };
              watch.observer = new MutationObserver(watch.count);
              watch.observer.observe(document, { subtree: true, childList: true,
                attributes: true, attributeOldValue: true, characterData: true });
              window.__visualreviewQuiet = watch;
            }
            const vv = window.visualViewport;
            return { fontsLoaded, applied: needed, stopped, running: state.running,
                     editable: state.editable,
                     calm: calm(state), devicePixelRatio: window.devicePixelRatio,
                     width: window.innerWidth, height: window.innerHeight,
                     pageLeft: vv ? vv.pageLeft : window.scrollX,
                     pageTop: vv ? vv.pageTop : window.scrollY, zoom: vv ? vv.scale : 1,
                     visible: document.visibilityState === 'visible',
                     userAgent: navigator.userAgent };
          }
          """
              .formatted(STYLE_ID, MASK_LAYER_ID, INJECTED_ID_PREFIX);

  /**
   * After a screenshot taken with a watch. Argument fields: {@code hideCaret}, {@code
   * engineHidesCaret}, {@code undoIfQuiet} (also undo the temporary page changes when the page was
   * quiet). Returns {@code quiet} (true only if the page was provably quiet: no DOM change, nothing
   * animating or loading, no dynamic content, same scroll and size) and {@code undone}. With {@code
   * engineHidesCaret} (the engine's screenshot hides the caret itself, as Playwright's does), an
   * element whose style went only through that caret hiding (the same declarations plus {@code
   * caret-color: transparent !important}, then back) is not a change.
   */
  public static final String FINISH =
      "(o) => {\n"
          + HELPERS
          + """
            // Whether an element's style attribute went only through the engine's own caret
            // hiding: from its value to the same declarations plus 'caret-color: transparent
            // !important' and back (Playwright's screenshot does this to every input, textarea and
            // editable element when it hides the caret). A transparent caret while the caret is
            // hidden anyway changes no pixel; any other sequence counts as a change.
            const declarations = (css) => {
              const style = document.createElement('span').style;
              style.cssText = css || '';
              return style;
            };
            const withoutCaret = (css) => {
              const style = declarations(css);
              style.removeProperty('caret-color');
              return style.cssText;
            };
            const caretHidingOnly = (values) => {
              if (values.length !== 3) return false;
              const [before, during, after] = values.map(declarations);
              return during.getPropertyValue('caret-color') === 'transparent'
                && during.getPropertyPriority('caret-color') === 'important'
                && withoutCaret(values[1]) === withoutCaret(values[0])
                && after.cssText === before.cssText;
            };
            const watch = window.__visualreviewQuiet;
            let quiet = false;
            if (watch) {
              delete window.__visualreviewQuiet;
              watch.count(watch.observer.takeRecords());
              watch.observer.disconnect();
              for (const [element, values] of watch.styles) {
                const sequence = values.concat([element.getAttribute('style')]);
                if (!(o.engineHidesCaret && caretHidingOnly(sequence))) {
                  watch.mutations += values.length;
                }
              }
              const before = watch.before;
              const after = pageState(o.hideCaret);
              quiet = watch.mutations === 0 && calm(before) && calm(after)
                && before.scroll === after.scroll && before.size === after.size;
            }
            const undone = quiet && !!o.undoIfQuiet;
            if (undone) undoChanges();
            return { quiet, undone };
          }
          """;

  /** Removes the temporary page changes and resumes paused infinite animations where they were. */
  public static final String UNDO = "() => {\n" + HELPERS + "undoChanges();\nreturn true;\n}";

  /**
   * An element's border box in document coordinates (as {@code getBoundingClientRect} plus the
   * scroll offset), computed {@code display} and {@code visibility}, whether it is in the document,
   * and a CSS-like description ({@code div#id.class}); read by {@link ElementBox}. Takes the
   * element and an object with {@code scroll}: first scroll it into view if needed (centred, as
   * Playwright does, which also reveals it inside scrolled containers).
   */
  public static final String ELEMENT_BOX =
      """
      (e, o) => {
        if (o && o.scroll && e.isConnected) {
          if (typeof e.scrollIntoViewIfNeeded === 'function') {
            e.scrollIntoViewIfNeeded(true);
          } else {
            e.scrollIntoView({block: 'center', inline: 'center'});
          }
        }
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        const classes = typeof e.className === 'string' && e.className.trim()
          ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
        return { connected: e.isConnected, x: r.left + window.scrollX, y: r.top + window.scrollY,
                 width: r.width, height: r.height, display: style.display,
                 visibility: style.visibility,
                 description: e.localName + (e.id ? '#' + e.id : '') + classes };
      }
      """;

  /**
   * {@link #ELEMENT_BOX} for a locator's matches, in one call (Playwright's {@code evaluateAll}):
   * {@code count}, the number of matches, and for exactly one match its box (the element is
   * scrolled into view first when the argument's {@code scroll} is true).
   */
  public static final String ELEMENTS_BOX =
      "(elements, o) => {\nconst box = "
          + ELEMENT_BOX.strip()
          + ";\nreturn elements.length === 1 ? Object.assign({ count: 1 }, box(elements[0], o))"
          + " : { count: elements.length };\n}";

  private PageScripts() {}

  /** Wraps a function expression for Selenium's {@code executeScript}. */
  public static String forSelenium(String functionExpression) {
    return "return (" + functionExpression + ").apply(null, arguments);";
  }
}
