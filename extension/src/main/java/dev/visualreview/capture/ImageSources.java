package dev.visualreview.capture;

import dev.visualreview.CaptureOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Snapshots from images the caller already has (Appium, JavaFX, Swing, files on disk). */
final class ImageSources {
  private ImageSources() {}

  static boolean supports(Object target) {
    return target instanceof byte[] || target instanceof Path || target instanceof BufferedImage;
  }

  static CapturedImage capture(Object target, CaptureOptions options, String snapshotName) {
    rejectBrowserOnlyOptions(options, snapshotName, target);
    byte[] png;
    if (target instanceof byte[] bytes) {
      png = PngImages.requirePng(bytes, "the image for snapshot '" + snapshotName + "'");
    } else if (target instanceof Path path) {
      png = PngImages.read(path);
    } else {
      BufferedImage image = (BufferedImage) target;
      png = PngImages.encode(image);
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(CaptureMetadata.ENGINE, "image");
    metadata.put(CaptureMetadata.OS, CaptureMetadata.localOs());
    return new CapturedImage(png, metadata);
  }

  private static void rejectBrowserOnlyOptions(
      CaptureOptions options, String snapshotName, Object target) {
    String kind = target.getClass().getSimpleName();
    if (!options.masks().isEmpty()) {
      throw new CaptureException(
          "snapshot '"
              + snapshotName
              + "': masks need a browser target, but the target is an image ("
              + kind
              + "): paint the masked areas before passing the image, or capture a Page/WebDriver");
    }
    if (options.clip() != null) {
      throw new CaptureException(
          "snapshot '"
              + snapshotName
              + "': clip needs a browser target, but the target is an image ("
              + kind
              + "): crop the image before passing it");
    }
  }
}
