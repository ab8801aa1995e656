package dev.visualreview.capture.playwright;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ViewportSize;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.PageFacts;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * A viewport screenshot of a calm Chromium page taken with the one DevTools call that Playwright's
 * own {@code page.screenshot()} ends with ({@code Page.captureScreenshot} with the same clip), so
 * the PNG bytes are the same.
 *
 * <p>Why: before that call Playwright runs its screenshot preparation (caret hiding, animation
 * stopping, the {@code style} option, a web-font wait) and afterwards its clean-up, as in-page
 * evaluations that cost about 5 ms together. On a page that the stable capture has just found calm
 * (fonts loaded, nothing animating, no focused editable element, no masks or extra style) they
 * change nothing, and skipping them pays for the capture's own quiet-page proof.
 *
 * <p>The call goes through the page's {@link DevToolsSessions} session; pages of other browsers
 * always use {@code page.screenshot()}.
 */
final class DirectScreenshot {
  private DirectScreenshot() {}

  /**
   * Whether the options leave nothing for Playwright's screenshot preparation to do; the page facts
   * from the stable capture's preparation decide the rest ({@link #take}).
   */
  static boolean optionsAllow(CaptureOptions options, boolean element, boolean masks) {
    return !element
        && !masks
        && !options.fullPage()
        && options.clip() == null
        && options.style().isEmpty()
        && !options.omitBackground();
  }

  /**
   * The screenshot, or empty when the page is not calm enough to skip Playwright's preparation or
   * is not a Chromium page: the caller then uses {@code page.screenshot()}.
   *
   * @param facts what the capture's preparation script reported about the page just now: calm,
   *     shown, no focused editable element, DPR 1, not zoomed
   */
  static Optional<byte[]> take(Page page, PageFacts facts) {
    ViewportSize viewport = page.viewportSize();
    // A hidden page paints no frames: the screenshot would wait without Playwright's timeout.
    // Playwright's device-scale emulation belongs to its own DevTools session: a screenshot
    // through another session would not be scaled like page.screenshot(), so DPR 1 only.
    if (viewport == null || !facts.plainViewport()) {
      return Optional.empty();
    }
    Optional<CDPSession> session = DevToolsSessions.of(page);
    if (session.isEmpty()) {
      return Optional.empty();
    }
    // As Playwright's Chromium screenshot: the visual viewport's document rectangle at scale 1.
    JsonObject clip = new JsonObject();
    clip.addProperty("x", facts.pageLeft());
    clip.addProperty("y", facts.pageTop());
    clip.addProperty("width", viewport.width);
    clip.addProperty("height", viewport.height);
    clip.addProperty("scale", 1);
    JsonObject parameters = new JsonObject();
    parameters.addProperty("format", "png");
    parameters.add("clip", clip);
    parameters.addProperty("captureBeyondViewport", false);
    JsonObject result;
    try {
      result = session.get().send("Page.captureScreenshot", parameters);
    } catch (PlaywrightException e) {
      if (AnswerDeadline.gaveUp(e)) {
        throw e;
      }
      // A session that no longer answers (the target went away): forget it; page.screenshot()
      // then either works or reports the real problem.
      DevToolsSessions.forget(page);
      return Optional.empty();
    }
    JsonElement data = result == null ? null : result.get("data");
    if (data == null || !data.isJsonPrimitive()) {
      return Optional.empty();
    }
    byte[] png = Base64.getDecoder().decode(data.getAsString());
    // Anything else than one CSS pixel per viewport pixel means an emulation this path does not
    // know about: page.screenshot() then decides.
    return hasSize(png, viewport.width, viewport.height) ? Optional.of(png) : Optional.empty();
  }

  /** Whether the PNG's header (IHDR, right after the signature) names this width and height. */
  private static boolean hasSize(byte[] png, int width, int height) {
    return png.length > 24
        && ByteBuffer.wrap(png, 16, 8).getInt() == width
        && ByteBuffer.wrap(png, 20, 4).getInt() == height;
  }
}
