package dev.visualreview.capture;

import java.util.Map;

/**
 * What the capture's preparation script ({@link PageScripts#PREPARE}) reported about the page just
 * now.
 *
 * @param fontsLoaded web fonts were ready (or not waited for)
 * @param fontsPending the short font probe ended before the fonts were ready: nothing was changed
 * @param applied the temporary page changes were made
 * @param stopped how many animations were paused or finished
 * @param running how many animations still run
 * @param editable an input, textarea or editable element has focus (also inside a shadow root)
 * @param calm the page passed the quiet checks right then
 * @param devicePixelRatio the page's device pixel ratio
 * @param width the viewport's width in CSS pixels, or -1 when unknown
 * @param height the viewport's height in CSS pixels, or -1 when unknown
 * @param pageLeft the visual viewport's left offset in the document
 * @param pageTop the visual viewport's top offset in the document
 * @param zoom the visual viewport's pinch-zoom scale
 * @param visible the page is shown, so it paints frames
 * @param userAgent the browser's user agent
 */
public record PageFacts(
    boolean fontsLoaded,
    boolean fontsPending,
    boolean applied,
    int stopped,
    int running,
    boolean editable,
    boolean calm,
    double devicePixelRatio,
    int width,
    int height,
    double pageLeft,
    double pageTop,
    double zoom,
    boolean visible,
    String userAgent) {

  /** Reads the script's result object; missing fields get the values that promise least. */
  public static PageFacts of(Map<?, ?> result) {
    return new PageFacts(
        Boolean.TRUE.equals(result.get("fontsLoaded")),
        Boolean.TRUE.equals(result.get("fontsPending")),
        Boolean.TRUE.equals(result.get("applied")),
        integer(result.get("stopped"), 0),
        integer(result.get("running"), 0),
        !Boolean.FALSE.equals(result.get("editable")),
        Boolean.TRUE.equals(result.get("calm")),
        result.get("devicePixelRatio") instanceof Number n && n.doubleValue() > 0
            ? n.doubleValue()
            : 1.0,
        integer(result.get("width"), -1),
        integer(result.get("height"), -1),
        number(result.get("pageLeft"), Double.NaN),
        number(result.get("pageTop"), Double.NaN),
        number(result.get("zoom"), Double.NaN),
        Boolean.TRUE.equals(result.get("visible")),
        String.valueOf(result.get("userAgent")));
  }

  /** {@code WIDTHxHEIGHT} in CSS pixels, or {@code unknown}. */
  public String viewport() {
    return width >= 0 && height >= 0 ? width + "x" + height : "unknown";
  }

  /**
   * Whether the page is calm, shown, without a focused editable element, at one device pixel per
   * CSS pixel and not pinch-zoomed: a screenshot of it needs no preparation by the engine.
   */
  public boolean plainViewport() {
    return calm && visible && !editable && devicePixelRatio == 1.0 && zoom == 1.0;
  }

  private static int integer(Object value, int fallback) {
    return value instanceof Number n ? n.intValue() : fallback;
  }

  private static double number(Object value, double fallback) {
    return value instanceof Number n ? n.doubleValue() : fallback;
  }
}
