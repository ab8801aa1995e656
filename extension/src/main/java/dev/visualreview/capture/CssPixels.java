package dev.visualreview.capture;

import java.awt.image.BufferedImage;

/**
 * Deterministic image resampling and cropping for engines that only deliver device pixels: an
 * area-average (box) filter, so the same input always gives the same output on every JVM.
 */
public final class CssPixels {
  private CssPixels() {}

  /**
   * Scales a device-pixel screenshot down to CSS pixels ({@code size / devicePixelRatio}, rounded).
   * Returns the input unchanged when the ratio is 1 or the size already matches.
   */
  public static byte[] normalise(byte[] png, double devicePixelRatio) {
    if (!(devicePixelRatio > 0) || Math.abs(devicePixelRatio - 1.0) < 1e-9) {
      return png;
    }
    BufferedImage source = PngImages.decode(png);
    int width = Math.max(1, (int) Math.round(source.getWidth() / devicePixelRatio));
    int height = Math.max(1, (int) Math.round(source.getHeight() / devicePixelRatio));
    if (width == source.getWidth() && height == source.getHeight()) {
      return png;
    }
    return PngImages.encode(areaAverage(source, width, height));
  }

  /** Cuts a rectangle (image pixels; clamped to the image) out of a PNG. */
  public static byte[] crop(byte[] png, int x, int y, int width, int height) {
    BufferedImage source = PngImages.decode(png);
    int left = Math.min(Math.max(0, x), source.getWidth() - 1);
    int top = Math.min(Math.max(0, y), source.getHeight() - 1);
    int w = Math.max(1, Math.min(width, source.getWidth() - left));
    int h = Math.max(1, Math.min(height, source.getHeight() - top));
    if (left == 0 && top == 0 && w == source.getWidth() && h == source.getHeight()) {
      return png;
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[w];
    for (int r = 0; r < h; r++) {
      source.getRGB(left, top + r, w, 1, row, 0, w);
      out.setRGB(0, r, w, 1, row, 0, w);
    }
    return PngImages.encode(out);
  }

  static BufferedImage areaAverage(BufferedImage source, int width, int height) {
    int sw = source.getWidth();
    int sh = source.getHeight();
    int[] pixels = source.getRGB(0, 0, sw, sh, null, 0, sw);
    // Horizontal pass into 4 channels of doubles, then vertical pass.
    double[][] horizontal = new double[4][width * sh];
    double scaleX = (double) sw / width;
    for (int x = 0; x < width; x++) {
      double start = x * scaleX;
      double end = start + scaleX;
      for (int y = 0; y < sh; y++) {
        double[] sum = new double[4];
        for (int sx = (int) Math.floor(start); sx < Math.min(sw, (int) Math.ceil(end)); sx++) {
          double weight = Math.min(end, sx + 1) - Math.max(start, sx);
          int p = pixels[y * sw + sx];
          for (int c = 0; c < 4; c++) {
            sum[c] += weight * ((p >>> (c * 8)) & 0xFF);
          }
        }
        for (int c = 0; c < 4; c++) {
          horizontal[c][y * width + x] = sum[c] / scaleX;
        }
      }
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    int[] result = new int[width * height];
    double scaleY = (double) sh / height;
    for (int y = 0; y < height; y++) {
      double start = y * scaleY;
      double end = start + scaleY;
      for (int x = 0; x < width; x++) {
        int argb = 0;
        for (int c = 0; c < 4; c++) {
          double sum = 0;
          for (int sy = (int) Math.floor(start); sy < Math.min(sh, (int) Math.ceil(end)); sy++) {
            double weight = Math.min(end, sy + 1) - Math.max(start, sy);
            sum += weight * horizontal[c][sy * width + x];
          }
          int value = (int) Math.round(sum / scaleY);
          argb |= Math.min(255, Math.max(0, value)) << (c * 8);
        }
        result[y * width + x] = argb;
      }
    }
    out.setRGB(0, 0, width, height, result, 0, width);
    return out;
  }
}
