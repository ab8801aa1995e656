package dev.visualreview.image.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The pixelmatch 7.2 per-pixel comparison: YIQ colour distance against {@code 35215 * t * t},
 * semi-transparent pixels blended against pixelmatch's checkerboard, and the Vysniauskas
 * anti-aliasing detector. Works on a band of rows of two equally wide RGBA buffers, treating the
 * band as an image of its own (as the server's row alignment does for each changed segment).
 *
 * <p>Pixels are read as little-endian ints straight from the byte arrays: no copies, no per-pixel
 * allocation. Instances are immutable and may be shared between threads.
 */
final class PixelMatcher {

  static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final double MAX_YIQ_DELTA = 35215.0;
  private static final double GOLDEN_RATIO = 1.618033988749895;
  private static final double GOLDEN_RATIO_PLUS_ONE = 2.618033988749895;

  /** Diff-image colours, as pixelmatch draws them (ABGR little-endian ints). */
  static final int RED = 0xff0000ff;

  static final int YELLOW = 0xff00ffff;

  private final double maxDelta;
  private final boolean detectAntiAliasing;

  PixelMatcher(DiffOptions options) {
    this.maxDelta = MAX_YIQ_DELTA * options.threshold() * options.threshold();
    this.detectAntiAliasing = options.detectAntiAliasing();
  }

  /**
   * A band of {@code rows} rows, {@code width} pixels wide, starting at row {@code aRow} of {@code
   * a} and row {@code bRow} of {@code b} (both buffers have a stride of {@code width * 4}).
   */
  record Band(byte[] a, int aRow, byte[] b, int bRow, int width, int rows) {}

  /**
   * Counts the differing pixels of rows {@code [from, to)} of the band; when {@code out} is not
   * null, paints counted pixels red and anti-aliased ones yellow into it at row {@code outRow + y}.
   */
  long count(Band band, int from, int to, byte[] out, int outRow) {
    int width = band.width();
    int stride = width * 4;
    byte[] a = band.a();
    byte[] b = band.b();
    long diff = 0;
    for (int y = from; y < to; y++) {
      int aOff = (band.aRow() + y) * stride;
      int bOff = (band.bRow() + y) * stride;
      int first = Arrays.mismatch(a, aOff, aOff + stride, b, bOff, bOff + stride);
      if (first < 0) {
        continue;
      }
      for (int x = first >>> 2; x < width; x++) {
        int pa = (int) INTS.get(a, aOff + x * 4);
        int pb = (int) INTS.get(b, bOff + x * 4);
        if (pa == pb) {
          continue;
        }
        int k = (y * width + x) * 4;
        if (Math.abs(colorDelta(pa, pb, k)) <= maxDelta) {
          continue;
        }
        if (detectAntiAliasing
            && (antialiased(band, true, x, y) || antialiased(band, false, x, y))) {
          if (out != null) {
            INTS.set(out, ((outRow + y) * width + x) * 4, YELLOW);
          }
        } else {
          diff++;
          if (out != null) {
            INTS.set(out, ((outRow + y) * width + x) * 4, RED);
          }
        }
      }
    }
    return diff;
  }

  /** Whether any pixel of the band counts as different (stops at the first one). */
  boolean anyDifference(Band band) {
    int width = band.width();
    int stride = width * 4;
    for (int y = 0; y < band.rows(); y++) {
      int aOff = (band.aRow() + y) * stride;
      int bOff = (band.bRow() + y) * stride;
      if (Arrays.mismatch(band.a(), aOff, aOff + stride, band.b(), bOff, bOff + stride) >= 0
          && count(band, y, y + 1, null, 0) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * pixelmatch's {@code colorDelta}: squared YIQ distance, negative when the second pixel is
   * brighter. {@code k} is the byte offset within the band, which picks the checkerboard colour.
   */
  static double colorDelta(int p1, int p2, int k) {
    int r1 = p1 & 0xff;
    int g1 = (p1 >>> 8) & 0xff;
    int b1 = (p1 >>> 16) & 0xff;
    int a1 = p1 >>> 24;
    int r2 = p2 & 0xff;
    int g2 = (p2 >>> 8) & 0xff;
    int b2 = (p2 >>> 16) & 0xff;
    int a2 = p2 >>> 24;
    double dr;
    double dg;
    double db;
    if (a1 < 255 || a2 < 255) {
      int da = a1 - a2;
      double rb = 48 + 159 * (k % 2);
      double gb = 48 + 159 * (((int) (k / GOLDEN_RATIO)) % 2);
      double bb = 48 + 159 * (((int) (k / GOLDEN_RATIO_PLUS_ONE)) % 2);
      dr = (r1 * a1 - r2 * a2 - rb * da) / 255.0;
      dg = (g1 * a1 - g2 * a2 - gb * da) / 255.0;
      db = (b1 * a1 - b2 * a2 - bb * da) / 255.0;
    } else {
      dr = r1 - r2;
      dg = g1 - g2;
      db = b1 - b2;
    }
    double y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    double i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
    double q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
    double delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
    return y > 0 ? -delta : delta;
  }

  /** pixelmatch's brightness-only delta used by the anti-aliasing detector. */
  private static double brightnessDelta(int p1, int p2, int k) {
    if (p1 == p2) {
      return 0;
    }
    int r1 = p1 & 0xff;
    int g1 = (p1 >>> 8) & 0xff;
    int b1 = (p1 >>> 16) & 0xff;
    int a1 = p1 >>> 24;
    int r2 = p2 & 0xff;
    int g2 = (p2 >>> 8) & 0xff;
    int b2 = (p2 >>> 16) & 0xff;
    int a2 = p2 >>> 24;
    double dr;
    double dg;
    double db;
    if (a1 < 255 || a2 < 255) {
      int da = a1 - a2;
      double rb = 48 + 159 * (k % 2);
      double gb = 48 + 159 * (((int) (k / GOLDEN_RATIO)) % 2);
      double bb = 48 + 159 * (((int) (k / GOLDEN_RATIO_PLUS_ONE)) % 2);
      dr = (r1 * a1 - r2 * a2 - rb * da) / 255.0;
      dg = (g1 * a1 - g2 * a2 - gb * da) / 255.0;
      db = (b1 * a1 - b2 * a2 - bb * da) / 255.0;
    } else {
      dr = r1 - r2;
      dg = g1 - g2;
      db = b1 - b2;
    }
    return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
  }

  /**
   * Vysniauskas (2009) anti-aliased pixel detector as pixelmatch 7.2 runs it: the pixel at (x1, y1)
   * of image {@code inA ? a : b} is anti-aliasing when it has both a darker and a brighter
   * neighbour, at most two equal neighbours, and the darkest or brightest neighbour sits in a flat
   * area (3+ equal neighbours) in both images.
   */
  private static boolean antialiased(Band band, boolean inA, int x1, int y1) {
    int width = band.width();
    int height = band.rows();
    byte[] img = inA ? band.a() : band.b();
    int base = (inA ? band.aRow() : band.bRow()) * width * 4;
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, 0);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, height - 1);
    int k = (y1 * width + x1) * 4;
    int center = (int) INTS.get(img, base + k);
    int zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
    double min = 0;
    double max = 0;
    int minX = 0;
    int minY = 0;
    int maxX = 0;
    int maxY = 0;
    for (int x = x0; x <= x2; x++) {
      for (int y = y0; y <= y2; y++) {
        if (x == x1 && y == y1) {
          continue;
        }
        int neighbour = (int) INTS.get(img, base + (y * width + x) * 4);
        double delta = brightnessDelta(center, neighbour, k);
        if (delta == 0) {
          zeroes++;
          if (zeroes > 2) {
            return false;
          }
        } else if (delta < min) {
          min = delta;
          minX = x;
          minY = y;
        } else if (delta > max) {
          max = delta;
          maxX = x;
          maxY = y;
        }
      }
    }
    if (min == 0 || max == 0) {
      return false;
    }
    return (hasManySiblings(band, true, minX, minY) && hasManySiblings(band, false, minX, minY))
        || (hasManySiblings(band, true, maxX, maxY) && hasManySiblings(band, false, maxX, maxY));
  }

  /** Whether the pixel has 3+ neighbours of exactly the same RGBA value. */
  private static boolean hasManySiblings(Band band, boolean inA, int x1, int y1) {
    int width = band.width();
    int height = band.rows();
    byte[] img = inA ? band.a() : band.b();
    int base = (inA ? band.aRow() : band.bRow()) * width * 4;
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, 0);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, height - 1);
    int value = (int) INTS.get(img, base + (y1 * width + x1) * 4);
    int zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
    for (int x = x0; x <= x2; x++) {
      for (int y = y0; y <= y2; y++) {
        if (x == x1 && y == y1) {
          continue;
        }
        if (value == (int) INTS.get(img, base + (y * width + x) * 4)) {
          zeroes++;
          if (zeroes > 2) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
