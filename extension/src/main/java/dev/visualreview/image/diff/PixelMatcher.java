package dev.visualreview.image.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The pixelmatch 7.2 per-pixel comparison: YIQ colour distance against {@code 35215 * t * t},
 * semi-transparent pixels blended against pixelmatch's checkerboard, and the Vysniauskas
 * anti-aliasing detector. Works on a band of rows of two equally wide RGBA buffers, treating the
 * band as an image of its own (as the server's row alignment does for each changed segment).
 *
 * <p>Rows that are byte-identical are skipped with a vectorised comparison. Rows that differ are
 * read as packed little-endian ints into a small window of row buffers (the two rows above and
 * below are what the anti-aliasing detector looks at), so the per-pixel work runs on plain int
 * arrays and allocates nothing. Instances are immutable and may be shared between threads.
 */
final class PixelMatcher {

  static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final double MAX_YIQ_DELTA = 35215.0;
  private static final double GOLDEN_RATIO = 1.618033988749895;
  private static final double GOLDEN_RATIO_PLUS_ONE = 2.618033988749895;

  /** Diff-image colours, as pixelmatch draws them (RGBA as little-endian ints). */
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
    return count(band, from, to, out, outRow, Long.MAX_VALUE);
  }

  /** {@link #count(Band, int, int, byte[], int)} that stops once {@code stopAt} are found. */
  private long count(Band band, int from, int to, byte[] out, int outRow, long stopAt) {
    int width = band.width();
    int height = band.rows();
    int stride = width * 4;
    byte[] a = band.a();
    byte[] b = band.b();
    Rows rowsA = null;
    Rows rowsB = null;
    long diff = 0;
    for (int y = from; y < to && diff < stopAt; y++) {
      int aOff = (band.aRow() + y) * stride;
      int bOff = (band.bRow() + y) * stride;
      int first = Arrays.mismatch(a, aOff, aOff + stride, b, bOff, bOff + stride);
      if (first < 0) {
        continue;
      }
      if (rowsA == null) {
        rowsA = new Rows(a, band.aRow(), width, height);
        rowsB = new Rows(b, band.bRow(), width, height);
      }
      int[] ca = rowsA.row(y);
      int[] cb = rowsB.row(y);
      boolean interiorRow = y > 0 && y < height - 1;
      int[] upA = null;
      int[] downA = null;
      int[] upB = null;
      int[] downB = null;
      for (int x = first >>> 2; x < width; x++) {
        int pa = ca[x];
        int pb = cb[x];
        if (pa == pb) {
          continue;
        }
        if (Math.abs(colorDelta(pa, pb, (y * width + x) * 4)) <= maxDelta) {
          continue;
        }
        boolean antiAliased = false;
        if (detectAntiAliasing) {
          if (interiorRow && x > 0 && x < width - 1) {
            if (upA == null) {
              upA = rowsA.row(y - 1);
              downA = rowsA.row(y + 1);
              upB = rowsB.row(y - 1);
              downB = rowsB.row(y + 1);
            }
            antiAliased =
                (!flat(upA, ca, downA, x) && antialiased(rowsA, rowsB, x, y))
                    || (!flat(upB, cb, downB, x) && antialiased(rowsB, rowsA, x, y));
          } else {
            antiAliased = antialiased(rowsA, rowsB, x, y) || antialiased(rowsB, rowsA, x, y);
          }
        }
        if (antiAliased) {
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
    return count(band, 0, band.rows(), null, 0, 1) > 0;
  }

  /**
   * Whether an interior pixel has three or more neighbours of exactly its value. Such a pixel is
   * not anti-aliasing: pixelmatch's detector returns false on its third equal neighbour, whatever
   * the order. This settles most pixels of flat page areas without the full detector.
   */
  private static boolean flat(int[] up, int[] row, int[] down, int x) {
    int c = row[x];
    int equal = (c == row[x - 1] ? 1 : 0) + (c == row[x + 1] ? 1 : 0) + (c == up[x] ? 1 : 0);
    if (equal == 3) {
      return true;
    }
    equal +=
        (c == up[x - 1] ? 1 : 0)
            + (c == up[x + 1] ? 1 : 0)
            + (c == down[x - 1] ? 1 : 0)
            + (c == down[x] ? 1 : 0)
            + (c == down[x + 1] ? 1 : 0);
    return equal > 2;
  }

  /**
   * pixelmatch's {@code colorDelta}: squared YIQ distance, negative when the second pixel is
   * brighter. {@code k} is the byte offset within the band, which picks the checkerboard colour.
   */
  static double colorDelta(int p1, int p2, int k) {
    if ((p1 & p2) >>> 24 != 255) {
      return blendedColorDelta(p1, p2, k);
    }
    int dr = (p1 & 0xff) - (p2 & 0xff);
    int dg = ((p1 >>> 8) & 0xff) - ((p2 >>> 8) & 0xff);
    int db = ((p1 >>> 16) & 0xff) - ((p2 >>> 16) & 0xff);
    return yiq(dr, dg, db);
  }

  private static double yiq(double dr, double dg, double db) {
    double y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    double i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
    double q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
    double delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
    return y > 0 ? -delta : delta;
  }

  /** The colour delta when either pixel is not opaque: both blended with the checkerboard. */
  private static double blendedColorDelta(int p1, int p2, int k) {
    int a1 = p1 >>> 24;
    int a2 = p2 >>> 24;
    int da = a1 - a2;
    double rb = 48 + 159 * (k % 2);
    double gb = 48 + 159 * (((int) (k / GOLDEN_RATIO)) % 2);
    double bb = 48 + 159 * (((int) (k / GOLDEN_RATIO_PLUS_ONE)) % 2);
    double dr = ((p1 & 0xff) * a1 - (p2 & 0xff) * a2 - rb * da) / 255.0;
    double dg = (((p1 >>> 8) & 0xff) * a1 - ((p2 >>> 8) & 0xff) * a2 - gb * da) / 255.0;
    double db = (((p1 >>> 16) & 0xff) * a1 - ((p2 >>> 16) & 0xff) * a2 - bb * da) / 255.0;
    return yiq(dr, dg, db);
  }

  /** pixelmatch's brightness-only delta used by the anti-aliasing detector. */
  private static double brightnessDelta(int p1, int p2, int k) {
    if (p1 == p2) {
      return 0;
    }
    if ((p1 & p2) >>> 24 != 255) {
      return blendedBrightnessDelta(p1, p2, k);
    }
    int dr = (p1 & 0xff) - (p2 & 0xff);
    int dg = ((p1 >>> 8) & 0xff) - ((p2 >>> 8) & 0xff);
    int db = ((p1 >>> 16) & 0xff) - ((p2 >>> 16) & 0xff);
    return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
  }

  private static double blendedBrightnessDelta(int p1, int p2, int k) {
    int a1 = p1 >>> 24;
    int a2 = p2 >>> 24;
    int da = a1 - a2;
    double rb = 48 + 159 * (k % 2);
    double gb = 48 + 159 * (((int) (k / GOLDEN_RATIO)) % 2);
    double bb = 48 + 159 * (((int) (k / GOLDEN_RATIO_PLUS_ONE)) % 2);
    double dr = ((p1 & 0xff) * a1 - (p2 & 0xff) * a2 - rb * da) / 255.0;
    double dg = (((p1 >>> 8) & 0xff) * a1 - ((p2 >>> 8) & 0xff) * a2 - gb * da) / 255.0;
    double db = (((p1 >>> 16) & 0xff) * a1 - ((p2 >>> 16) & 0xff) * a2 - bb * da) / 255.0;
    return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
  }

  /**
   * Vysniauskas (2009) anti-aliased pixel detector as pixelmatch 7.2 runs it: the pixel at (x1, y1)
   * of {@code img} is anti-aliasing when it has both a darker and a brighter neighbour, at most two
   * equal neighbours, and the darkest or brightest neighbour sits in a flat area (3+ equal
   * neighbours) in both images.
   */
  private static boolean antialiased(Rows img, Rows other, int x1, int y1) {
    int width = img.width;
    int height = img.height;
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, 0);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, height - 1);
    int k = (y1 * width + x1) * 4;
    int[] above = img.row(y0);
    int[] row = img.row(y1);
    int[] below = img.row(y2);
    int center = row[x1];
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
        int[] r = y == y1 ? row : y == y0 ? above : below;
        double delta = brightnessDelta(center, r[x], k);
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
    return (hasManySiblings(img, minX, minY) && hasManySiblings(other, minX, minY))
        || (hasManySiblings(img, maxX, maxY) && hasManySiblings(other, maxX, maxY));
  }

  /** Whether the pixel has 3+ neighbours of exactly the same RGBA value. */
  private static boolean hasManySiblings(Rows img, int x1, int y1) {
    int width = img.width;
    int height = img.height;
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, 0);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, height - 1);
    int[] above = img.row(y0);
    int[] row = img.row(y1);
    int[] below = img.row(y2);
    int value = row[x1];
    int zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
    for (int x = x0; x <= x2; x++) {
      for (int y = y0; y <= y2; y++) {
        if (x == x1 && y == y1) {
          continue;
        }
        int[] r = y == y1 ? row : y == y0 ? above : below;
        if (value == r[x]) {
          zeroes++;
          if (zeroes > 2) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Rows of one image of the band as packed ints, the last eight read (the detector reads up to two
   * rows above and below the pixel it judges).
   */
  private static final class Rows {
    private static final int SLOTS = 8;
    private final IntBuffer pixels;
    private final int firstRow;
    final int width;
    final int height;
    private final int[][] rows;
    private final int[] keys = new int[SLOTS];

    Rows(byte[] rgba, int firstRow, int width, int height) {
      this.pixels = ByteBuffer.wrap(rgba).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      this.firstRow = firstRow;
      this.width = width;
      this.height = height;
      this.rows = new int[SLOTS][width];
      Arrays.fill(keys, -1);
    }

    int[] row(int y) {
      int slot = y & (SLOTS - 1);
      if (keys[slot] != y) {
        pixels.get((firstRow + y) * width, rows[slot], 0, width);
        keys[slot] = y;
      }
      return rows[slot];
    }
  }
}
