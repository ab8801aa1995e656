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
 * anti-aliasing detector. Works on a band of rows of two equally wide RGBA buffers: only the band's
 * pixels are counted, but the detector sees the rows around it as pixelmatch over the whole pair
 * would (a band is not an image of its own: its first and last rows keep their neighbours above and
 * below, and semi-transparent pixels keep the checkerboard of their position in the image). With
 * the band at the same rows of both images, the count of every band together is pixelmatch's count
 * of the whole image.
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

  /**
   * An integer upper bound of the YIQ delta, scaled by 2^14: the quadratic form of the delta in
   * (dr, dg, db) with rounded weights, each diagonal weight raised by one. Rounding moves each of
   * the six terms by at most half a unit times |dj dk|, and the sum of the |dj dk| (j < k) is at
   * most dr² + dg² + db², which the raised diagonal covers; so the bound is never below the exact
   * delta times 2^14. All terms together stay below 2^30 for channel differences up to 255.
   */
  static final int BOUND_BITS = 14;

  private static final double[] Y = {0.29889531, 0.58662247, 0.11448223};
  private static final double[] I = {0.59597799, -0.27417610, -0.32180189};
  private static final double[] Q = {0.21147017, -0.52261711, 0.31114694};

  private static final int W_RR = boundWeight(0, 0) + 1;
  private static final int W_GG = boundWeight(1, 1) + 1;
  private static final int W_BB = boundWeight(2, 2) + 1;
  private static final int W_RG = boundWeight(0, 1);
  private static final int W_RB = boundWeight(0, 2);
  private static final int W_GB = boundWeight(1, 2);

  /** Neighbour offsets in the order pixelmatch visits them (x outer, y inner, centre skipped). */
  private static final int[] NX = {-1, -1, -1, 0, 0, 1, 1, 1};

  private static final int[] NY = {-1, 0, 1, -1, 1, -1, 0, 1};

  private final double maxDelta;
  private final boolean detectAntiAliasing;

  /**
   * Pixels whose bound is at most this cannot exceed {@code maxDelta}: one unit below maxDelta
   * times 2^14, far more than the double rounding in pixelmatch's own delta can add.
   */
  private final int boundLimit;

  PixelMatcher(DiffOptions options) {
    this.maxDelta = MAX_YIQ_DELTA * options.threshold() * options.threshold();
    this.detectAntiAliasing = options.detectAntiAliasing();
    this.boundLimit = (int) Math.floor(maxDelta * (1 << BOUND_BITS)) - 1;
  }

  /** The YIQ delta's weight of the term {@code dj * dk} (both orders when j != k), times 2^14. */
  private static int boundWeight(int j, int k) {
    double weight = 0.5053 * Y[j] * Y[k] + 0.299 * I[j] * I[k] + 0.1957 * Q[j] * Q[k];
    return (int) Math.round(weight * (j == k ? 1 : 2) * (1 << BOUND_BITS));
  }

  /**
   * A band of {@code rows} rows, {@code width} pixels wide, starting at row {@code aRow} of {@code
   * a} and row {@code bRow} of {@code b} (both buffers have a stride of {@code width * 4}).
   */
  record Band(byte[] a, int aRow, byte[] b, int bRow, int width, int rows) {
    /** The first row (relative to the band, so zero or negative) that both images have. */
    int top() {
      return -Math.min(aRow, bRow);
    }

    /** One past the last row (relative to the band) that both images have. */
    int bottom() {
      long stride = width * 4L;
      return (int) Math.min(a.length / stride - aRow, b.length / stride - bRow);
    }
  }

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
    int stride = width * 4;
    byte[] a = band.a();
    byte[] b = band.b();
    Rows rowsA = null;
    Rows rowsB = null;
    int[] scratch = null;
    long diff = 0;
    for (int y = from; y < to && diff < stopAt; y++) {
      int aOff = (band.aRow() + y) * stride;
      int bOff = (band.bRow() + y) * stride;
      int first = Arrays.mismatch(a, aOff, aOff + stride, b, bOff, bOff + stride);
      if (first < 0) {
        continue;
      }
      if (rowsA == null) {
        rowsA = new Rows(a, band.aRow(), band.bRow(), width, band.top(), band.bottom());
        rowsB = new Rows(b, band.bRow(), band.bRow(), width, band.top(), band.bottom());
        scratch = new int[width];
      }
      diff += countRow(rowsA, rowsB, scratch, y, first >>> 2, out, outRow);
    }
    return diff;
  }

  /**
   * Counts (and paints) the differing pixels of row {@code y} of the band from column {@code x0},
   * the row's first differing pixel.
   *
   * <p>Two passes, for a JIT that compiles this in a fresh JVM: branch-free loops over the whole
   * row collect the columns that may differ into {@code scratch}, then only those are judged. The
   * rare cases (a pixel over the threshold, at the image's edge, semi-transparent) are branches of
   * the small judging methods, so when one first occurs and the compiled code is thrown away, only
   * a small method is compiled again instead of the whole row loop with everything inlined in it.
   */
  private long countRow(
      Rows rowsA, Rows rowsB, int[] scratch, int y, int x0, byte[] out, int outRow) {
    int width = rowsA.width;
    int[] ca = rowsA.row(y);
    int[] cb = rowsB.row(y);
    int candidates;
    if (opaque(ca, cb, x0, width)) {
      // In opaque rows a vectorised integer bound settles most pixels at once: a pixel whose
      // bound is within the limit cannot exceed the YIQ threshold.
      deltaBounds(ca, cb, scratch, x0, width);
      candidates = overLimit(scratch, x0, width, boundLimit);
    } else {
      candidates = unequal(ca, cb, scratch, x0, width);
    }
    long diff = 0;
    for (int i = 0; i < candidates; i++) {
      diff += judge(rowsA, rowsB, ca, cb, y, scratch[i], out, outRow);
    }
    return diff;
  }

  /**
   * Replaces {@code bounds[from, to)} from the front with the columns whose bound is over {@code
   * limit} and returns how many there are. In place: a column is written at or before the place it
   * was read from.
   */
  static int overLimit(int[] bounds, int from, int to, int limit) {
    int n = 0;
    for (int x = from; x < to; x++) {
      int over = (limit - bounds[x]) >>> 31;
      bounds[n] = x;
      n += over;
    }
    return n;
  }

  /** Writes the columns in {@code [from, to)} where the rows differ to {@code columns}. */
  static int unequal(int[] ca, int[] cb, int[] columns, int from, int to) {
    int n = 0;
    for (int x = from; x < to; x++) {
      int d = ca[x] ^ cb[x];
      columns[n] = x;
      n += (d | -d) >>> 31;
    }
    return n;
  }

  /**
   * Whether the pixel at column {@code x} of row {@code y} counts (1) or not (0): over the
   * threshold and not anti-aliasing. Paints it when {@code out} is not null.
   */
  private int judge(
      Rows rowsA, Rows rowsB, int[] ca, int[] cb, int y, int x, byte[] out, int outRow) {
    int width = rowsA.width;
    int position = ((rowsA.positionRow + y) * width + x) * 4;
    if (Math.abs(colorDelta(ca[x], cb[x], position)) <= maxDelta) {
      return 0;
    }
    boolean antiAliased = detectAntiAliasing && antiAliased(rowsA, rowsB, ca, cb, x, y);
    if (out != null) {
      INTS.set(out, ((outRow + y) * width + x) * 4, antiAliased ? YELLOW : RED);
    }
    return antiAliased ? 0 : 1;
  }

  /** Whether the pixel is anti-aliasing in either image. */
  private static boolean antiAliased(Rows rowsA, Rows rowsB, int[] ca, int[] cb, int x, int y) {
    boolean interior =
        ((x - 1) | (rowsA.width - 2 - x) | (y - rowsA.top - 1) | (rowsA.bottom - 2 - y)) >= 0;
    if (!interior) {
      return antialiased(rowsA, rowsB, x, y) || antialiased(rowsB, rowsA, x, y);
    }
    int[] upA = rowsA.row(y - 1);
    int[] downA = rowsA.row(y + 1);
    if (!flat(upA, ca, downA, x) && antialiasedInterior(rowsA, rowsB, upA, ca, downA, x, y)) {
      return true;
    }
    int[] upB = rowsB.row(y - 1);
    int[] downB = rowsB.row(y + 1);
    return !flat(upB, cb, downB, x) && antialiasedInterior(rowsB, rowsA, upB, cb, downB, x, y);
  }

  /** Whether any pixel of the band counts as different (stops at the first one). */
  boolean anyDifference(Band band) {
    return count(band, 0, band.rows(), null, 0, 1) > 0;
  }

  /** Whether every pixel of both rows in {@code [from, to)} is opaque. */
  private static boolean opaque(int[] ca, int[] cb, int from, int to) {
    int and = -1;
    for (int x = from; x < to; x++) {
      and &= ca[x] & cb[x];
    }
    return and >>> 24 == 255;
  }

  /**
   * Writes the integer bound of each pixel's YIQ delta (times 2^14, see {@link #BOUND_BITS}) for
   * opaque rows. Plain int arithmetic in one loop, which the JIT vectorises.
   */
  static void deltaBounds(int[] ca, int[] cb, int[] bounds, int from, int to) {
    for (int x = from; x < to; x++) {
      int p1 = ca[x];
      int p2 = cb[x];
      int dr = (p1 & 0xff) - (p2 & 0xff);
      int dg = ((p1 >>> 8) & 0xff) - ((p2 >>> 8) & 0xff);
      int db = ((p1 >>> 16) & 0xff) - ((p2 >>> 16) & 0xff);
      bounds[x] =
          W_RR * dr * dr
              + W_GG * dg * dg
              + W_BB * db * db
              + W_RG * dr * dg
              + W_RB * dr * db
              + W_GB * dg * db;
    }
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
   * brighter. {@code k} is the pixel's byte offset in the image, which picks the checkerboard
   * colour.
   */
  static double colorDelta(int p1, int p2, int k) {
    if ((p1 & p2) >>> 24 != 255) {
      return blendedDelta(p1, p2, k, false);
    }
    int dr = (p1 & 0xff) - (p2 & 0xff);
    int dg = ((p1 >>> 8) & 0xff) - ((p2 >>> 8) & 0xff);
    int db = ((p1 >>> 16) & 0xff) - ((p2 >>> 16) & 0xff);
    return yiq(dr, dg, db);
  }

  private static double yiq(double dr, double dg, double db) {
    double y = brightness(dr, dg, db);
    double i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
    double q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
    double delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
    return y > 0 ? -delta : delta;
  }

  /**
   * The colour delta ({@code brightnessOnly}: only its brightness part) when either pixel is not
   * opaque: both blended with the checkerboard.
   */
  private static double blendedDelta(int p1, int p2, int k, boolean brightnessOnly) {
    int a1 = p1 >>> 24;
    int a2 = p2 >>> 24;
    int da = a1 - a2;
    double rb = 48 + 159 * (k % 2);
    double gb = 48 + 159 * (((int) (k / GOLDEN_RATIO)) % 2);
    double bb = 48 + 159 * (((int) (k / GOLDEN_RATIO_PLUS_ONE)) % 2);
    double dr = ((p1 & 0xff) * a1 - (p2 & 0xff) * a2 - rb * da) / 255.0;
    double dg = (((p1 >>> 8) & 0xff) * a1 - ((p2 >>> 8) & 0xff) * a2 - gb * da) / 255.0;
    double db = (((p1 >>> 16) & 0xff) * a1 - ((p2 >>> 16) & 0xff) * a2 - bb * da) / 255.0;
    return brightnessOnly ? brightness(dr, dg, db) : yiq(dr, dg, db);
  }

  private static double brightness(double dr, double dg, double db) {
    return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
  }

  /** pixelmatch's brightness-only delta used by the anti-aliasing detector. */
  private static double brightnessDelta(int p1, int p2, int k) {
    if (p1 == p2) {
      return 0;
    }
    if ((p1 & p2) >>> 24 != 255) {
      return blendedDelta(p1, p2, k, true);
    }
    int dr = (p1 & 0xff) - (p2 & 0xff);
    int dg = ((p1 >>> 8) & 0xff) - ((p2 >>> 8) & 0xff);
    int db = ((p1 >>> 16) & 0xff) - ((p2 >>> 16) & 0xff);
    return brightness(dr, dg, db);
  }

  /**
   * Vysniauskas (2009) anti-aliased pixel detector as pixelmatch 7.2 runs it: the pixel at (x1, y1)
   * of {@code img} is anti-aliasing when it has both a darker and a brighter neighbour, at most two
   * equal neighbours, and the darkest or brightest neighbour sits in a flat area (3+ equal
   * neighbours) in both images.
   */
  private static boolean antialiased(Rows img, Rows other, int x1, int y1) {
    int width = img.width;
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, img.top);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, img.bottom - 1);
    int k = ((img.positionRow + y1) * width + x1) * 4;
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

  /**
   * {@link #antialiased} for a pixel whose eight neighbours all lie inside the band, given its row
   * and the rows above and below, without a branch per neighbour. The answer is the same:
   * pixelmatch's early return on a third equal neighbour gives the same result as counting all
   * eight, and its running darkest / brightest neighbour is the first one (in its visiting order)
   * with the smallest / largest brightness delta. Falls back to the general detector when a pixel
   * of the neighbourhood is not opaque.
   */
  private static boolean antialiasedInterior(
      Rows img, Rows other, int[] up, int[] row, int[] down, int x1, int y1) {
    int c = row[x1];
    int n0 = up[x1 - 1];
    int n1 = row[x1 - 1];
    int n2 = down[x1 - 1];
    int n3 = up[x1];
    int n4 = down[x1];
    int n5 = up[x1 + 1];
    int n6 = row[x1 + 1];
    int n7 = down[x1 + 1];
    if ((c & n0 & n1 & n2 & n3 & n4 & n5 & n6 & n7) >>> 24 != 255) {
      return antialiased(img, other, x1, y1);
    }
    double d0 = brightness(c, n0);
    double d1 = brightness(c, n1);
    double d2 = brightness(c, n2);
    double d3 = brightness(c, n3);
    double d4 = brightness(c, n4);
    double d5 = brightness(c, n5);
    double d6 = brightness(c, n6);
    double d7 = brightness(c, n7);
    int zeroes =
        (d0 == 0 ? 1 : 0)
            + (d1 == 0 ? 1 : 0)
            + (d2 == 0 ? 1 : 0)
            + (d3 == 0 ? 1 : 0)
            + (d4 == 0 ? 1 : 0)
            + (d5 == 0 ? 1 : 0)
            + (d6 == 0 ? 1 : 0)
            + (d7 == 0 ? 1 : 0);
    if (zeroes > 2) {
      return false;
    }
    double min =
        Math.min(
            Math.min(Math.min(Math.min(0, d0), Math.min(d1, d2)), Math.min(d3, d4)),
            Math.min(Math.min(d5, d6), d7));
    double max =
        Math.max(
            Math.max(Math.max(Math.max(0, d0), Math.max(d1, d2)), Math.max(d3, d4)),
            Math.max(Math.max(d5, d6), d7));
    if (min == 0 || max == 0) {
      return false;
    }
    int darkest = firstIndexOf(min, d0, d1, d2, d3, d4, d5, d6, d7);
    int brightest = firstIndexOf(max, d0, d1, d2, d3, d4, d5, d6, d7);
    int minX = x1 + NX[darkest];
    int minY = y1 + NY[darkest];
    int maxX = x1 + NX[brightest];
    int maxY = y1 + NY[brightest];
    return (manySiblings(img, minX, minY) && manySiblings(other, minX, minY))
        || (manySiblings(img, maxX, maxY) && manySiblings(other, maxX, maxY));
  }

  /**
   * {@link #brightnessDelta} of two opaque pixels (zero when they are equal), from tables of the
   * products {@code d * coefficient} for every channel difference d: the same doubles added in the
   * same order, without three int-to-double conversions and multiplications per neighbour.
   */
  private static double brightness(int p1, int p2) {
    int dr = (p1 & 0xff) - (p2 & 0xff);
    int dg = ((p1 >>> 8) & 0xff) - ((p2 >>> 8) & 0xff);
    int db = ((p1 >>> 16) & 0xff) - ((p2 >>> 16) & 0xff);
    return RED_Y[dr + 255] + GREEN_Y[dg + 255] + BLUE_Y[db + 255];
  }

  private static final double[] RED_Y = products(0.29889531);
  private static final double[] GREEN_Y = products(0.58662247);
  private static final double[] BLUE_Y = products(0.11448223);

  /** {@code d * coefficient} for d = -255..255, at index d + 255. */
  private static double[] products(double coefficient) {
    double[] table = new double[511];
    for (int d = -255; d <= 255; d++) {
      table[d + 255] = d * coefficient;
    }
    return table;
  }

  private static int firstIndexOf(
      double v,
      double d0,
      double d1,
      double d2,
      double d3,
      double d4,
      double d5,
      double d6,
      double d7) {
    if (d0 == v) {
      return 0;
    } else if (d1 == v) {
      return 1;
    } else if (d2 == v) {
      return 2;
    } else if (d3 == v) {
      return 3;
    } else if (d4 == v) {
      return 4;
    } else if (d5 == v) {
      return 5;
    } else if (d6 == v) {
      return 6;
    }
    return 7;
  }

  /** {@link #hasManySiblings}, counting all eight neighbours at once away from the band's edges. */
  private static boolean manySiblings(Rows img, int x1, int y1) {
    if (x1 <= 0 || y1 <= img.top || x1 >= img.width - 1 || y1 >= img.bottom - 1) {
      return hasManySiblings(img, x1, y1);
    }
    int[] up = img.row(y1 - 1);
    int[] row = img.row(y1);
    int[] down = img.row(y1 + 1);
    int v = row[x1];
    int equal =
        (up[x1 - 1] == v ? 1 : 0)
            + (up[x1] == v ? 1 : 0)
            + (up[x1 + 1] == v ? 1 : 0)
            + (row[x1 - 1] == v ? 1 : 0)
            + (row[x1 + 1] == v ? 1 : 0)
            + (down[x1 - 1] == v ? 1 : 0)
            + (down[x1] == v ? 1 : 0)
            + (down[x1 + 1] == v ? 1 : 0);
    return equal > 2;
  }

  /** Whether the pixel has 3+ neighbours of exactly the same RGBA value. */
  private static boolean hasManySiblings(Rows img, int x1, int y1) {
    int width = img.width;
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, img.top);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, img.bottom - 1);
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
   * rows above and below the pixel it judges). Row numbers are relative to the band; rows {@code
   * [top, bottom)} exist in both images.
   */
  private static final class Rows {
    private static final int SLOTS = 8;
    private final IntBuffer pixels;
    private final int firstRow;
    final int width;
    final int top;
    final int bottom;

    /** The image row whose pixel positions pick the checkerboard colours (the current image's). */
    final int positionRow;

    private final int[][] rows;
    private final int[] keys = new int[SLOTS];

    Rows(byte[] rgba, int firstRow, int positionRow, int width, int top, int bottom) {
      this.pixels = ByteBuffer.wrap(rgba).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      this.firstRow = firstRow;
      this.positionRow = positionRow;
      this.width = width;
      this.top = top;
      this.bottom = bottom;
      this.rows = new int[SLOTS][width];
      Arrays.fill(keys, Integer.MIN_VALUE);
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
