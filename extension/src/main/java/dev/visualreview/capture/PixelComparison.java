package dev.visualreview.capture;

import dev.visualreview.PixelRegion;
import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.RgbaImage;
import java.util.Arrays;
import java.util.Optional;

/** Whether two screenshots have identical decoded pixels, and if not where they differ. */
final class PixelComparison {
  private PixelComparison() {}

  /** Empty when the pixels are identical; otherwise the bounding box of the differences. */
  static Optional<PixelRegion> changedRegion(byte[] pngA, byte[] pngB) {
    if (Arrays.equals(pngA, pngB)) {
      return Optional.empty();
    }
    return changedRegion(PngDecoder.decode(pngA), PngDecoder.decode(pngB));
  }

  static Optional<PixelRegion> changedRegion(RgbaImage a, RgbaImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      return Optional.of(
          new PixelRegion(0, 0, Math.max(a.width(), b.width()), Math.max(a.height(), b.height())));
    }
    int width = a.width();
    int rowBytes = width * 4;
    byte[] pa = a.rgba();
    byte[] pb = b.rgba();
    int left = width;
    int top = -1;
    int right = -1;
    int bottom = -1;
    for (int y = 0; y < a.height(); y++) {
      int rowStart = y * rowBytes;
      int mismatch =
          Arrays.mismatch(pa, rowStart, rowStart + rowBytes, pb, rowStart, rowStart + rowBytes);
      if (mismatch < 0) {
        continue;
      }
      if (top < 0) {
        top = y;
      }
      bottom = y;
      left = Math.min(left, mismatch / 4);
      for (int x = width - 1; x > right; x--) {
        int i = rowStart + x * 4;
        if (pa[i] != pb[i]
            || pa[i + 1] != pb[i + 1]
            || pa[i + 2] != pb[i + 2]
            || pa[i + 3] != pb[i + 3]) {
          right = x;
          break;
        }
      }
    }
    if (top < 0) {
      return Optional.empty();
    }
    return Optional.of(new PixelRegion(left, top, right - left + 1, bottom - top + 1));
  }

  /** The smallest region containing both; {@code b} may be null. */
  static PixelRegion union(PixelRegion a, PixelRegion b) {
    if (b == null) {
      return a;
    }
    int left = Math.min(a.x(), b.x());
    int top = Math.min(a.y(), b.y());
    int right = Math.max(a.x() + a.width(), b.x() + b.width());
    int bottom = Math.max(a.y() + a.height(), b.y() + b.height());
    return new PixelRegion(left, top, right - left, bottom - top);
  }
}
