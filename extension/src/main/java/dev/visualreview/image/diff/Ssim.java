package dev.visualreview.image.diff;

import java.util.stream.IntStream;

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
    int stripRows = Math.max(64, rows / 16);
    int strips = (rows + stripRows - 1) / stripRows;
    IntStream stripIndexes = IntStream.range(0, strips);
    if ((long) neededCount * width >= 1 << 18) {
      stripIndexes = stripIndexes.parallel();
    }
    double computedSum =
        stripIndexes
            .mapToDouble(
                s ->
                    new Window(a, aRows, b, bRows, width)
                        .sumStrip(needed, s * stripRows, Math.min(rows, (s + 1) * stripRows)))
            .sum();
    double skipped = (double) (rows - neededCount) * width;
    return clamp((computedSum + skipped) / ((double) rows * width));
  }

  /** Sliding 11x11 window state for one strip of rows. */
  private static final class Window {
    private final byte[] a;
    private final int[] aRows;
    private final byte[] b;
    private final int[] bRows;
    private final int width;
    private final int[] lumaA;
    private final int[] lumaB;
    // column sums over the window's rows, extended by HALF reflected columns on each side
    private final int[] sa;
    private final int[] sb;
    private final int[] saa;
    private final int[] sbb;
    private final int[] sab;

    Window(byte[] a, int[] aRows, byte[] b, int[] bRows, int width) {
      this.a = a;
      this.aRows = aRows;
      this.b = b;
      this.bRows = bRows;
      this.width = width;
      this.lumaA = new int[width];
      this.lumaB = new int[width];
      this.sa = new int[width];
      this.sb = new int[width];
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
          java.util.Arrays.fill(sa, 0);
          java.util.Arrays.fill(sb, 0);
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

    private void addRow(int k, int sign) {
      luma(a, aRows[k], lumaA);
      luma(b, bRows[k], lumaB);
      for (int x = 0; x < width; x++) {
        int la = lumaA[x] * sign;
        int lb = lumaB[x];
        sa[x] += la;
        sb[x] += lb * sign;
        saa[x] += la * lumaA[x];
        sbb[x] += lb * lb * sign;
        sab[x] += la * lb;
      }
    }

    private void luma(byte[] img, int row, int[] out) {
      int off = row * width * 4;
      for (int x = 0; x < width; x++) {
        int p = off + x * 4;
        out[x] =
            (19595 * (img[p] & 0xff)
                    + 38470 * (img[p + 1] & 0xff)
                    + 7471 * (img[p + 2] & 0xff)
                    + 32768)
                >>> 16;
      }
    }

    /** Sum of local SSIM over the current window row. */
    private double sumRow() {
      int ta = 0;
      int tb = 0;
      int taa = 0;
      int tbb = 0;
      int tab = 0;
      for (int d = -HALF; d <= HALF; d++) {
        int c = reflect(d, width);
        ta += sa[c];
        tb += sb[c];
        taa += saa[c];
        tbb += sbb[c];
        tab += sab[c];
      }
      double sum = 0;
      final double area = WINDOW * WINDOW;
      for (int x = 0; ; x++) {
        double mu1 = ta / area;
        double mu2 = tb / area;
        double mu1mu2 = mu1 * mu2;
        double mu1sq = mu1 * mu1;
        double mu2sq = mu2 * mu2;
        double s1 = taa / area - mu1sq;
        double s2 = tbb / area - mu2sq;
        double s12 = tab / area - mu1mu2;
        double numerator = (2.0 * mu1mu2 + C1) * (2.0 * s12 + C2);
        double denominator = (mu1sq + mu2sq + C1) * (s1 + s2 + C2);
        sum += denominator == 0.0 ? 1.0 : numerator / denominator;
        if (x == width - 1) {
          break;
        }
        int out = reflect(x - HALF, width);
        int in = reflect(x + HALF + 1, width);
        ta += sa[in] - sa[out];
        tb += sb[in] - sb[out];
        taa += saa[in] - saa[out];
        tbb += sbb[in] - sbb[out];
        tab += sab[in] - sab[out];
      }
      return sum;
    }
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
