package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;

/**
 * The capturer seam: one implementation per kind of target. {@link Capturers} picks the one for a
 * target; the browser engines' adapters ({@code playwright/}, {@code selenium/}) open a {@link
 * PageSession} and hand it to {@link PageCapture}, the image sources encode or check the image.
 */
public interface Capturer {

  /**
   * Captures {@code target} as a PNG.
   *
   * @param target a target this capturer was chosen for
   * @param options how to capture, never null
   * @param snapshotName used in error messages
   * @throws CaptureException when the target cannot be captured, with the reason and the fix
   */
  CapturedImage capture(Object target, CaptureOptions options, String snapshotName);
}
