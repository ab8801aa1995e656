package dev.visualreview.capture;

import dev.visualreview.CaptureOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Snapshots from images the caller already has (Appium, JavaFX, Swing, files on disk), within the
 * PNG limits PostHog accepts ({@link PngImages#MAX_FILE_BYTES}, {@link PngImages#MAX_PIXELS}).
 */
final class ImageSources implements Capturer {

  static boolean supports(Object target) {
    return target instanceof byte[] || target instanceof Path || target instanceof BufferedImage;
  }

  @Override
  public CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    rejectBrowserOnlyOptions(options, snapshotName, target);
    byte[] png;
    if (target instanceof byte[] bytes) {
      // a copy: the caller may reuse its array before the snapshot is judged at the class's end
      png = PngImages.requirePng(bytes.clone(), "the image for snapshot '" + snapshotName + "'");
    } else if (target instanceof Path path) {
      png = PngImages.read(path, snapshotName);
    } else {
      png = PngImages.encode((BufferedImage) target, snapshotName);
    }
    return new CapturedImage(png, CaptureMetadata.ofImage());
  }

  private static void rejectBrowserOnlyOptions(
      CaptureOptions options, String snapshotName, Object target) {
    String kind = target.getClass().getSimpleName();
    if (!options.masks().isEmpty()) {
      throw CaptureFailures.of(
          snapshotName,
          "masks need a browser target, but the target is an image ("
              + kind
              + "): paint the masked areas before passing the image, or capture a Page/WebDriver");
    }
    if (options.clip() != null) {
      throw CaptureFailures.of(
          snapshotName,
          "clip needs a browser target, but the target is an image ("
              + kind
              + "): crop the image before passing it");
    }
  }
}
