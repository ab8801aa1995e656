package dev.visualreview.capture.selenium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.CaptureFailures;
import dev.visualreview.capture.CssPixels;
import dev.visualreview.capture.ElementBox;
import dev.visualreview.capture.PageFacts;
import dev.visualreview.capture.PageScripts;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;

/**
 * The screenshot of a {@link SeleniumSession}, in CSS pixels unless the options ask for device
 * pixels.
 *
 * <ul>
 *   <li>Viewport: the driver's screenshot, or the same DevTools call on the session's own
 *       connection when the page has one device pixel per CSS pixel (the connection does not share
 *       chromedriver's device-scale emulation).
 *   <li>Full page: on Chromium drivers the DevTools protocol ({@code Page.captureScreenshot} with
 *       {@code captureBeyondViewport}); on Firefox its native full-page screenshot.
 *   <li>Element: on Chromium drivers cropped from the page captured beyond the viewport, so a
 *       sticky or fixed header is never painted over an element that scrolling put under it (as in
 *       the driver's own element screenshot, which scrolls the element to the top of the viewport);
 *       on other drivers their own element screenshot. An element with nothing to capture fails at
 *       once ({@link ElementBox}).
 * </ul>
 */
final class SeleniumScreenshots {
  private static final String WHEN = " while the screenshot was taken";

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

  private final SeleniumSession session;
  private final CaptureOptions options;

  SeleniumScreenshots(SeleniumSession session) {
    this.session = session;
    this.options = session.options;
  }

  byte[] take(PageFacts facts) {
    double dpr = facts.devicePixelRatio();
    boolean css = options.scale() == CaptureOptions.Scale.CSS;
    double scale = css ? 1.0 / dpr : 1.0;
    // The session's own connection takes the same picture only at one device pixel per CSS pixel
    // and without chromedriver's background override.
    boolean ownConnection =
        session.socket.isPresent()
            && !options.omitBackground()
            && dpr == 1.0
            && facts.zoom() == 1.0;
    if (session.element != null) {
      ElementBox box = measureElement();
      if (session.devTools.isPresent()) {
        double left = Math.floor(box.x() + 1e-3);
        double top = Math.floor(box.y() + 1e-3);
        double right = Math.ceil(box.x() + box.width() - 1e-3);
        double bottom = Math.ceil(box.y() + box.height() - 1e-3);
        return clip(left, top, right - left, bottom - top, scale, ownConnection);
      }
      byte[] png =
          session.calls.blocking(() -> session.element.getScreenshotAs(OutputType.BYTES), WHEN);
      return css ? CssPixels.normalise(png, dpr) : png;
    }
    byte[] png;
    if (options.fullPage() && session.devTools.isPresent()) {
      Map<?, ?> size = session.evaluate(FULL_PAGE_SIZE, Map.of(), WHEN);
      if (!(size.get("width") instanceof Number width)
          || !(size.get("height") instanceof Number height)) {
        throw CaptureFailures.of(
            session.name, "cannot measure the page for a full-page screenshot");
      }
      png = clip(0, 0, width.doubleValue(), height.doubleValue(), scale, ownConnection);
    } else if (options.fullPage()) {
      png = firefoxFullPage();
      png = css ? CssPixels.normalise(png, dpr) : png;
    } else {
      png = ownConnection ? viewport(facts) : null;
      if (png == null) {
        png =
            session.calls.blocking(
                () -> ((TakesScreenshot) session.driver).getScreenshotAs(OutputType.BYTES), WHEN);
        png = css ? CssPixels.normalise(png, dpr) : png;
      }
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

  /** Scrolls the element into view if needed and measures it; fails if there is nothing to take. */
  private ElementBox measureElement() {
    Map<String, Object> argument = Map.of("scroll", true);
    Object measured;
    try {
      measured = session.evaluateOnElement(PageScripts.ELEMENT_BOX, argument, WHEN);
    } catch (StaleElementReferenceException e) {
      throw CaptureFailures.detached(session.name, SeleniumFailures.describe(session.element));
    }
    return ElementBox.of(measured instanceof Map<?, ?> map ? map : Map.of())
        .requireVisible(session.name, SeleniumFailures.describe(session.element));
  }

  /** The viewport through the session's own DevTools connection, or null if it differs. */
  private byte[] viewport(PageFacts facts) {
    ObjectNode params = DevToolsSocket.params();
    params.put("format", "png");
    byte[] png = ownScreenshot(params);
    return hasSize(png, facts.width(), facts.height()) ? png : null;
  }

  private byte[] clip(
      double x, double y, double width, double height, double scale, boolean ownConnection) {
    if (ownConnection) {
      ObjectNode params = DevToolsSocket.params();
      params.put("format", "png");
      params.put("captureBeyondViewport", true);
      params.put("fromSurface", true);
      ObjectNode clip = params.putObject("clip");
      clip.put("x", x).put("y", y).put("width", width).put("height", height).put("scale", scale);
      byte[] png = ownScreenshot(params);
      if (hasSize(png, (int) Math.round(width), (int) Math.round(height))) {
        return png;
      }
    }
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
    Object data =
        session
            .calls
            .blocking(() -> session.devTools.get().send("Page.captureScreenshot", parameters), WHEN)
            .get("data");
    if (!(data instanceof String base64)) {
      throw CaptureFailures.of(session.name, "the DevTools protocol returned no screenshot data");
    }
    return Base64.getDecoder().decode(base64);
  }

  private byte[] ownScreenshot(ObjectNode params) {
    JsonNode result =
        session.calls.answered(session.socket.get().send("Page.captureScreenshot", params), WHEN);
    JsonNode data = result.get("data");
    return data == null ? null : Base64.getDecoder().decode(data.asText());
  }

  private byte[] firefoxFullPage() {
    Method method;
    try {
      method = session.innermost.getClass().getMethod("getFullPageScreenshotAs", OutputType.class);
    } catch (NoSuchMethodException e) {
      throw SeleniumCapturer.noFullPage(session.name, session.innermost);
    }
    return session.calls.blocking(
        () -> {
          try {
            return (byte[]) method.invoke(session.innermost, OutputType.BYTES);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
              throw runtime;
            }
            throw CaptureFailures.engine(
                session.name, "the full-page screenshot failed: " + e.getCause(), e.getCause());
          }
        },
        WHEN);
  }

  /** Whether the PNG's header (IHDR, right after the signature) names this width and height. */
  private static boolean hasSize(byte[] png, int width, int height) {
    return png != null
        && png.length > 24
        && ByteBuffer.wrap(png, 16, 8).getInt() == width
        && ByteBuffer.wrap(png, 20, 4).getInt() == height;
  }
}
