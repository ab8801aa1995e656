package dev.visualreview.image.diff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Mean structural similarity (Wang et al. 2004) of two equally wide RGBA images over a list of
 * paired rows, the formulation the server's engine uses:
 *
 * <ul>
 *   <li>luma {@code Y = 0.299 R + 0.587 G + 0.114 B} (alpha ignored), here rounded to an integer
 *       0..255 so that window sums are exact integers;
 *   <li>an 11x11 uniform (box) window at every pixel, with mirror ("reflect") padding at the edges;
 *   <li>{@code C1 = (0.01 * 255)^2}, {@code C2 = (0.03 * 255)^2}; the score is the mean of the
 *       local SSIM over all pixels, clamped to [0, 1];
 *   <li>images narrower or shorter than the window use one global window.
 * </ul>
 *
 * <p>Rows are given as two index arrays: the k-th compared row pairs baseline row {@code aRows[k]}
 * with current row {@code bRows[k]} (after row alignment these skip inserted and deleted rows). A
 * pixel whose whole window lies in rows that are identical in both images has a local SSIM of
 * exactly 1, so only rows within 5 of a differing row are computed; unchanged pages cost nothing.
 * Along a row, a window whose entering column equals its leaving column has the same sums as the
 * window before it, and so the same local SSIM: flat areas of both images cost no division.
 */
final class Ssim {

  static final double C1 = 6.5025;
  static final double C2 = 58.5225;
  static final int WINDOW = 11;
  private static final int HALF = WINDOW / 2;

  private Ssim() {}

  /**
   * @param rowDiffers whether compared row k differs between the images
   */
  static double compute(
      byte[] a, int[] aRows, byte[] b, int[] bRows, boolean[] rowDiffers, int width) {
    int rows = aRows.length;
    if (rows == 0) {
      return 1.0;
    }
    if (width < WINDOW || rows < WINDOW) {
      return clamp(global(a, aRows, b, bRows, width));
    }
    // prefix count of differing rows to decide which output rows need computing
    int[] differingBefore = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      differingBefore[r + 1] = differingBefore[r] + (rowDiffers[r] ? 1 : 0);
    }
    if (differingBefore[rows] == 0) {
      return 1.0;
    }
    boolean[] needed = new boolean[rows];
    int neededCount = 0;
    for (int r = 0; r < rows; r++) {
      int lo = Math.max(0, r - HALF);
      int hi = Math.min(rows, r + HALF + 1);
      needed[r] = differingBefore[hi] - differingBefore[lo] > 0;
      if (needed[r]) {
        neededCount++;
      }
    }
    // strips of about stripRows needed rows each; rows that need no work make no strip
    int stripRows = Math.max(64, neededCount / 8);
    List<int[]> strips = new ArrayList<>();
    int stripStart = -1;
    int inStrip = 0;
    for (int r = 0; r < rows; r++) {
      if (!needed[r]) {
        continue;
      }
      if (stripStart < 0) {
        stripStart = r;
      }
      if (++inStrip == stripRows) {
        strips.add(new int[] {stripStart, r + 1});
        stripStart = -1;
        inStrip = 0;
      }
    }
    if (stripStart >= 0) {
      strips.add(new int[] {stripStart, rows});
    }
    // the first and last differing column of each differing row (-1 when the row is equal)
    int[] firstCol = new int[rows];
    int[] lastCol = new int[rows];
    long work = 0;
    for (int r = 0; r < rows; r++) {
      firstCol[r] = -1;
      lastCol[r] = -1;
      if (rowDiffers[r]) {
        firstCol[r] = firstDifference(a, aRows[r], b, bRows[r], width);
        lastCol[r] = lastDifference(a, aRows[r], b, bRows[r], width);
      }
    }
    int[][] columns = new int[strips.size()][];
    for (int i = 0; i < strips.size(); i++) {
      columns[i] = columnRange(firstCol, lastCol, strips.get(i)[0], strips.get(i)[1], width);
      work += (long) (columns[i][1] - columns[i][0] + 1) * (strips.get(i)[1] - strips.get(i)[0]);
    }
    double computedSum =
        Strips.sum(
            strips.size(),
            work >= 1 << 18,
            i ->
                new Window(a, aRows, b, bRows, width, columns[i][0], columns[i][1])
                    .sumStrip(needed, strips.get(i)[0], strips.get(i)[1]));
    double skipped = (double) (rows - neededCount) * width;
    return clamp((computedSum + skipped) / ((double) rows * width));
  }

  /**
   * The output columns {@code [lo, hi]} of compared rows {@code [from, to)} whose window can hold a
   * differing pixel: the columns within {@code HALF} of a difference in the rows within {@code
   * HALF} of the strip. Every other pixel's window is identical in both images and scores exactly 1
   * (mirror padding only reflects columns that lie within the window's own reach).
   */
  private static int[] columnRange(int[] firstCol, int[] lastCol, int from, int to, int width) {
    int lo = width;
    int hi = -1;
    for (int r = Math.max(0, from - HALF); r < Math.min(firstCol.length, to + HALF); r++) {
      if (firstCol[r] >= 0) {
        lo = Math.min(lo, firstCol[r]);
        hi = Math.max(hi, lastCol[r]);
      }
    }
    if (hi < 0) {
      return new int[] {0, width - 1};
    }
    return new int[] {Math.max(0, lo - HALF), Math.min(width - 1, hi + HALF)};
  }

  private static int firstDifference(byte[] a, int aRow, byte[] b, int bRow, int width) {
    int stride = width * 4;
    int i =
        java.util.Arrays.mismatch(
            a, aRow * stride, aRow * stride + stride, b, bRow * stride, bRow * stride + stride);
    return i < 0 ? -1 : i / 4;
  }

  private static int lastDifference(byte[] a, int aRow, byte[] b, int bRow, int width) {
    int stride = width * 4;
    int aOff = aRow * stride;
    int bOff = bRow * stride;
    int block = 256;
    for (int end = stride; end > 0; end -= block) {
      int start = Math.max(0, end - block);
      if (!java.util.Arrays.equals(a, aOff + start, aOff + end, b, bOff + start, bOff + end)) {
        for (int i = end - 1; i >= start; i--) {
          if (a[aOff + i] != b[bOff + i]) {
            return i / 4;
          }
        }
      }
    }
    return -1;
  }

  /** Sliding 11x11 window state for one strip of rows. */
  private static final class Window {
    private final int[] aRows;
    private final int[] bRows;
    private final int width;
    private final IntBuffer pixelsA;
    private final IntBuffer pixelsB;
    private final int[] rowPixels;
    private final int[][] cacheA;
    private final int[][] cacheB;
    private final int[] keysA;
    private final int[] keysB;
    // Column sums over the window's rows: Σa | Σb << 16 packed in one word (both lanes stay
    // non-negative and below 2^16: 11 x 11 x 255), then Σa², Σb² and Σab (each below 2^31). All int
    // arrays, so the JIT vectorises the row updates.
    private final int[] lin;
    private final int[] saa;
    private final int[] sbb;
    private final int[] sab;
    // output columns computed; column sums and luma kept for the columns their windows reach
    private final int outLo;
    private final int outHi;
    private final int colLo;
    private final int colHi;

    Window(byte[] a, int[] aRows, byte[] b, int[] bRows, int width, int outLo, int outHi) {
      this.outLo = outLo;
      this.outHi = outHi;
      this.colLo = Math.max(0, outLo - HALF);
      this.colHi = Math.min(width - 1, outHi + HALF);
      this.aRows = aRows;
      this.bRows = bRows;
      this.width = width;
      this.pixelsA = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      this.pixelsB = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      this.rowPixels = new int[width];
      this.cacheA = new int[CACHE][width];
      this.cacheB = new int[CACHE][width];
      this.keysA = new int[CACHE];
      this.keysB = new int[CACHE];
      java.util.Arrays.fill(keysA, -1);
      java.util.Arrays.fill(keysB, -1);
      this.lin = new int[width];
      this.saa = new int[width];
      this.sbb = new int[width];
      this.sab = new int[width];
    }

    double sumStrip(boolean[] needed, int from, int to) {
      double sum = 0;
      int rows = aRows.length;
      int windowCentre = Integer.MIN_VALUE;
      for (int r = from; r < to; r++) {
        if (!needed[r]) {
          continue;
        }
        if (windowCentre != r - 1) {
          java.util.Arrays.fill(lin, 0);
          java.util.Arrays.fill(saa, 0);
          java.util.Arrays.fill(sbb, 0);
          java.util.Arrays.fill(sab, 0);
          for (int d = -HALF; d <= HALF; d++) {
            addRow(reflect(r + d, rows), 1);
          }
        } else {
          addRow(reflect(r - HALF - 1, rows), -1);
          addRow(reflect(r + HALF, rows), 1);
        }
        windowCentre = r;
        sum += sumRow();
      }
      return sum;
    }

    /** Adds ({@code sign} 1) or removes (-1) compared row {@code k} from the column sums. */
    private void addRow(int k, int sign) {
      int[] la = luma(aRows[k], k, true);
      int[] lb = luma(bRows[k], k, false);
      if (sign > 0) {
        for (int x = colLo; x <= colHi; x++) {
          int va = la[x];
          int vb = lb[x];
          lin[x] += va | vb << 16;
          saa[x] += va * va;
          sbb[x] += vb * vb;
          sab[x] += va * vb;
        }
      } else {
        for (int x = colLo; x <= colHi; x++) {
          int va = la[x];
          int vb = lb[x];
          lin[x] -= va | vb << 16;
          saa[x] -= va * va;
          sbb[x] -= vb * vb;
          sab[x] -= va * vb;
        }
      }
    }

    /**
     * Luma of one row, cached in a ring of {@code WINDOW + 1} slots: a row leaves the window {@code
     * WINDOW} steps after it entered, so its luma is still there.
     */
    private int[] luma(int row, int k, boolean first) {
      int slot = Math.floorMod(k, CACHE);
      int[][] cache = first ? cacheA : cacheB;
      int[] keys = first ? keysA : keysB;
      if (keys[slot] == k) {
        return cache[slot];
      }
      int[] out = cache[slot];
      (first ? pixelsA : pixelsB).get(row * width + colLo, rowPixels, colLo, colHi - colLo + 1);
      lumaOf(rowPixels, out, colLo, colHi + 1);
      keys[slot] = k;
      return out;
    }

    /** Sum of local SSIM over the current window row. */
    private double sumRow() {
      int tLin = 0;
      int taa = 0;
      int tbb = 0;
      int tab = 0;
      for (int d = -HALF; d <= HALF; d++) {
        int c = reflect(outLo + d, width);
        tLin += lin[c];
        taa += saa[c];
        tbb += sbb[c];
        tab += sab[c];
      }
      double sum = 0;
      double value = value(tLin, taa, tbb, tab);
      for (int x = outLo; ; x++) {
        sum += value;
        if (x == outHi) {
          break;
        }
        int out = x - HALF;
        int in = x + HALF + 1;
        if (out < 0 || in >= width) {
          out = reflect(out, width);
          in = reflect(in, width);
        }
        int dLin = lin[in] - lin[out];
        int daa = saa[in] - saa[out];
        int dbb = sbb[in] - sbb[out];
        int dab = sab[in] - sab[out];
        // the column entering the window has the same sums as the one leaving it (flat or
        // repeating content in both images): same window sums, same local SSIM
        if ((dLin | daa | dbb | dab) != 0) {
          tLin += dLin;
          taa += daa;
          tbb += dbb;
          tab += dab;
          value = value(tLin, taa, tbb, tab);
        }
      }
      return sum + (width - 1 - outHi + outLo);
    }
  }

  /**
   * Luma of packed little-endian RGBA pixels, rounded to an integer (alpha ignored); one loop of
   * int arithmetic over an int array, which the JIT vectorises.
   */
  private static void lumaOf(int[] pixels, int[] luma, int from, int to) {
    for (int x = from; x < to; x++) {
      int p = pixels[x];
      luma[x] =
          (19595 * (p & 0xff) + 38470 * ((p >>> 8) & 0xff) + 7471 * ((p >>> 16) & 0xff) + 32768)
              >>> 16;
    }
  }

  private static final int CACHE = WINDOW + 1;

  /** Local SSIM of a window from its sums; identical windows give exactly 1 without a division. */
  private static double value(int tLin, int taa, int tbb, int tab) {
    int ta = tLin & 0xffff;
    int tb = tLin >>> 16;
    // One test instead of three: each of the three would be compiled for the case seen so far
    // and recompiled when the other came up.
    return ((ta ^ tb) | (taa ^ tbb) | (taa ^ tab)) == 0 ? 1.0 : local(ta, tb, taa, tbb, tab);
  }

  private static final double C1_N2 = C1 * WINDOW * WINDOW * WINDOW * WINDOW;
  private static final double C2_N2 = C2 * WINDOW * WINDOW * WINDOW * WINDOW;

  /**
   * Local SSIM from the window sums of a, b, a², b² and ab (N = 121 pixels). The usual formula in
   * means and variances, multiplied through by N⁴ so that everything but the constants stays in
   * exact integer arithmetic: with P = Σa·Σb, {@code (2P + C1·N²)(2(N·Σab − P) + C2·N²) / ((Σa)² +
   * (Σb)² + C1·N²)(N·Σa² − (Σa)² + N·Σb² − (Σb)² + C2·N²))}. Each integer factor fits in an int:
   * the largest, 2P and (Σa)² + (Σb)², are at most 2·(121·255)² < 2^31.
   */
  private static double local(int ta, int tb, int taa, int tbb, int tab) {
    final int n = WINDOW * WINDOW;
    int p = ta * tb;
    int aSq = ta * ta;
    int bSq = tb * tb;
    double numerator = (2 * p + C1_N2) * (2 * (n * tab - p) + C2_N2);
    double denominator = (aSq + bSq + C1_N2) * ((n * taa - aSq) + (n * tbb - bSq) + C2_N2);
    return numerator / denominator;
  }

  /** Mirror index without repeating the edge: -1 to 1, n to n - 2. */
  static int reflect(int i, int n) {
    if (n <= 1) {
      return 0;
    }
    while (i < 0 || i >= n) {
      i = i < 0 ? -i : 2 * n - i - 2;
    }
    return i;
  }

  private static double global(byte[] a, int[] aRows, byte[] b, int[] bRows, int width) {
    double n = (double) aRows.length * width;
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    for (int k = 0; k < aRows.length; k++) {
      int aOff = aRows[k] * width * 4;
      int bOff = bRows[k] * width * 4;
      for (int x = 0; x < width; x++) {
        int la = luma(a, aOff + x * 4);
        int lb = luma(b, bOff + x * 4);
        sa += la;
        sb += lb;
        saa += (double) la * la;
        sbb += (double) lb * lb;
        sab += (double) la * lb;
      }
    }
    double mu1 = sa / n;
    double mu2 = sb / n;
    double s1 = saa / n - mu1 * mu1;
    double s2 = sbb / n - mu2 * mu2;
    double s12 = sab / n - mu1 * mu2;
    double numerator = (2 * mu1 * mu2 + C1) * (2 * s12 + C2);
    double denominator = (mu1 * mu1 + mu2 * mu2 + C1) * (s1 + s2 + C2);
    return denominator == 0.0 ? 1.0 : numerator / denominator;
  }

  private static int luma(byte[] img, int p) {
    return (19595 * (img[p] & 0xff)
            + 38470 * (img[p + 1] & 0xff)
            + 7471 * (img[p + 2] & 0xff)
            + 32768)
        >>> 16;
  }

  private static double clamp(double value) {
    if (!Double.isFinite(value)) {
      return 0.0;
    }
    return Math.max(0.0, Math.min(1.0, value));
  }
}
