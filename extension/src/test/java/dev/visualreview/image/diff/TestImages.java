package dev.visualreview.image.diff;

import dev.visualreview.image.RgbaImage;
import java.util.Arrays;
import java.util.Random;

/** Builds small synthetic screenshots for diff tests. */
final class TestImages {
  private TestImages() {}

  static RgbaImage filled(int width, int height, int r, int g, int b) {
    byte[] px = new byte[width * height * 4];
    for (int i = 0; i < px.length; i += 4) {
      px[i] = (byte) r;
      px[i + 1] = (byte) g;
      px[i + 2] = (byte) b;
      px[i + 3] = (byte) 255;
    }
    return new RgbaImage(width, height, px);
  }

  /** A white page with rows of dark "words" separated by white gaps, like text on a page. */
  static RgbaImage page(int width, int height, long seed) {
    RgbaImage img = filled(width, height, 255, 255, 255);
    Random random = new Random(seed);
    for (int line = 4; line + 8 < height; line += 14) {
      int x = 6;
      while (x < width - 10) {
        int word = 8 + random.nextInt(30);
        int shade = random.nextInt(80);
        rect(img, x, line, Math.min(word, width - 6 - x), 8, shade, shade, shade + 40);
        x += word + 6;
      }
    }
    return img;
  }

  static RgbaImage copy(RgbaImage img) {
    return new RgbaImage(img.width(), img.height(), img.rgba().clone());
  }

  static void rect(RgbaImage img, int x0, int y0, int w, int h, int r, int g, int b) {
    byte[] px = img.rgba();
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int p = (y * img.width() + x) * 4;
        px[p] = (byte) r;
        px[p + 1] = (byte) g;
        px[p + 2] = (byte) b;
        px[p + 3] = (byte) 255;
      }
    }
  }

  /**
   * The image with {@code count} copies of row {@code fillRow} inserted at {@code at}, same height.
   */
  static RgbaImage insertRows(RgbaImage img, int at, int count, int fillRow) {
    int stride = img.width() * 4;
    byte[] src = img.rgba();
    byte[] out = new byte[src.length];
    System.arraycopy(src, 0, out, 0, at * stride);
    for (int i = 0; i < count; i++) {
      System.arraycopy(src, fillRow * stride, out, (at + i) * stride, stride);
    }
    System.arraycopy(
        src, at * stride, out, (at + count) * stride, (img.height() - at - count) * stride);
    return new RgbaImage(img.width(), img.height(), out);
  }

  /** Copies rows [0, height) of the image into a taller or shorter one, padding with white. */
  static RgbaImage resized(RgbaImage img, int width, int height) {
    RgbaImage out = filled(width, height, 255, 255, 255);
    int rows = Math.min(height, img.height());
    int cols = Math.min(width, img.width());
    for (int y = 0; y < rows; y++) {
      System.arraycopy(img.rgba(), y * img.width() * 4, out.rgba(), y * width * 4, cols * 4);
    }
    return out;
  }

  /**
   * A white image whose part below the line {@code y = slope * x + offset} is dark, with the edge
   * anti-aliased by 4x4 supersampling (how a browser draws the edge of a rotated box).
   */
  static RgbaImage antiAliasedEdge(int width, int height, double slope, double offset) {
    RgbaImage img = filled(width, height, 255, 255, 255);
    byte[] px = img.rgba();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int covered = 0;
        for (int sy = 0; sy < 4; sy++) {
          for (int sx = 0; sx < 4; sx++) {
            double fx = x + (sx + 0.5) / 4;
            double fy = y + (sy + 0.5) / 4;
            if (fy > slope * fx + offset) {
              covered++;
            }
          }
        }
        int v = 255 - (int) Math.round(255 * 0.9 * covered / 16.0);
        int p = (y * width + x) * 4;
        px[p] = (byte) v;
        px[p + 1] = (byte) v;
        px[p + 2] = (byte) v;
      }
    }
    return img;
  }

  static int[] pixel(RgbaImage img, int x, int y) {
    int p = (y * img.width() + x) * 4;
    byte[] px = img.rgba();
    return new int[] {px[p] & 0xff, px[p + 1] & 0xff, px[p + 2] & 0xff, px[p + 3] & 0xff};
  }

  static boolean sameBytes(RgbaImage a, RgbaImage b) {
    return Arrays.equals(a.rgba(), b.rgba());
  }
}
