package dev.visualreview.capture;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;

/** Whether two screenshots have identical pixels, and if not where they differ. */
final class PixelComparison {
  private PixelComparison() {}

  /** Empty when the pixels are identical; otherwise the bounding box of the differences. */
  static Optional<PixelRegion> changedRegion(byte[] pngA, byte[] pngB) {
    if (Arrays.equals(pngA, pngB)) {
      return Optional.empty();
    }
    BufferedImage a = PngImages.decode(pngA);
    BufferedImage b = PngImages.decode(pngB);
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return Optional.of(
          new PixelRegion(
              0, 0, Math.max(a.getWidth(), b.getWidth()), Math.max(a.getHeight(), b.getHeight())));
    }
    int width = a.getWidth();
    int height = a.getHeight();
    int left = width;
    int top = height;
    int right = -1;
    int bottom = -1;
    int[] rowA = new int[width];
    int[] rowB = new int[width];
    for (int y = 0; y < height; y++) {
      a.getRGB(0, y, width, 1, rowA, 0, width);
      b.getRGB(0, y, width, 1, rowB, 0, width);
      if (Arrays.equals(rowA, rowB)) {
        continue;
      }
      for (int x = 0; x < width; x++) {
        if (rowA[x] != rowB[x]) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
      top = Math.min(top, y);
      bottom = y;
    }
    if (right < 0) {
      return Optional.empty();
    }
    return Optional.of(new PixelRegion(left, top, right - left + 1, bottom - top + 1));
  }
}
