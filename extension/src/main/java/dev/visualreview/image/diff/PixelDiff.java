package dev.visualreview.image.diff;

import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.RowAlignment.Kind;
import dev.visualreview.image.diff.RowAlignment.Segment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Compares a baseline with a current screenshot the way the PostHog Visual Review server does
 * (api.md section 8) and classifies the pair.
 *
 * <ol>
 *   <li>Identical pixel arrays: {@code unchanged} / {@code exact}, without further work.
 *   <li>Images of different size are padded to the larger size with transparent pixels.
 *   <li>Row alignment ({@link RowAlignment}) pairs the rows present in both images. Differing
 *       pixels are counted with pixelmatch 7.2 semantics ({@link PixelMatcher}) inside the rows
 *       that changed in place (the residual); rows inserted or deleted count as a band of their own
 *       area. SSIM ({@link Ssim}) is measured over the paired rows only. The residual's pixels are
 *       judged with their neighbours outside the changed rows, so without shifted rows the count is
 *       pixelmatch's count of the whole pair. (The server's engine runs pixelmatch on each changed
 *       band as an image of its own, which can count a few more glyph-edge pixels on a band's first
 *       and last rows; equality with pixelmatch was chosen over that artefact.)
 *   <li>Classification, in the server's order: residual &ge; 2.5 % → {@code pixel}; more than 2
 *       shifted rows, or rows that moved elsewhere → {@code layout}; residual plus band &ge; 2.5 %
 *       → {@code pixel}; 1 − SSIM &ge; 0.01 → {@code structural}; otherwise {@code unchanged} /
 *       {@code below_threshold}.
 * </ol>
 *
 * <p>A pair the alignment cannot explain within its edit budget (or taller than 32768 rows, or
 * whose shifted rows hold no pixel-level difference at all) is diffed top-aligned over the whole
 * image, as the server does. Work is spread over the available cores in row strips; memory beyond
 * the two inputs is a few row buffers, plus a padded copy of the smaller image when sizes differ
 * and the diff image when asked for.
 */
public final class PixelDiff {

  /** The server's {@code PIXEL_DIFF_THRESHOLD_PERCENT}. */
  public static final double PIXEL_DIFF_THRESHOLD_PERCENT = 2.5;

  /** The server's {@code SSIM_DISSIMILARITY_THRESHOLD}: changed when 1 − SSIM is at least this. */
  public static final double SSIM_DISSIMILARITY_THRESHOLD = 0.01;

  /** Vertical shifts of up to this many rows are absorbed. */
  public static final int SHIFT_ABSORB_MAX_ROWS = 2;

  /**
   * The most pixels a pair is compared at (both images padded to the larger width and the larger
   * height): PostHog's limit for one screenshot.
   */
  public static final long MAX_PIXELS = 50_000_000L;

  /** Taller pairs are not row-aligned (the server's {@code ALIGN_MAX_ROWS}). */
  static final int ALIGN_MAX_ROWS = 32_768;

  private static final int PARALLEL_MIN_PIXELS = 1 << 18;
  private static final int STRIP_ROWS = 64;

  private PixelDiff() {}

  /**
   * The result for two images known to have the same pixels (for example, the same PNG bytes)
   * without decoding them: what {@link #compare} reports for identical pixel arrays.
   */
  public static DiffResult samePixels(int width, int height) {
    return new DiffResult(false, "exact", "", 0.0, 0, 1.0, false, 0, width, height, null);
  }

  /** Compares {@code current} against {@code baseline}. */
  public static DiffResult compare(RgbaImage baseline, RgbaImage current, DiffOptions options) {
    if (baseline == null || current == null) {
      throw new IllegalArgumentException(
          (baseline == null ? "baseline" : "current") + " image is null: pass a decoded image");
    }
    if (options == null) {
      throw new IllegalArgumentException("diff options are null: pass DiffOptions.defaults()");
    }
    requireComparableSizes(baseline.width(), baseline.height(), current.width(), current.height());
    return new Comparison(baseline, current, options).run();
  }

  /**
   * Refuses a pair that would be compared at more than {@link #MAX_PIXELS} pixels once padded to
   * the larger width and the larger height (a wide and a tall image can each be small).
   *
   * @throws IllegalArgumentException naming both sizes, the padded size and the limit
   */
  public static void requireComparableSizes(
      int baseWidth, int baseHeight, int currentWidth, int currentHeight) {
    long width = Math.max(baseWidth, currentWidth);
    long height = Math.max(baseHeight, currentHeight);
    if (width * height > MAX_PIXELS) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "the baseline (%dx%d) and the current image (%dx%d) would be compared at the larger"
                  + " width and the larger height, %dx%d = %,d pixels, over the limit of %,d"
                  + " pixels: compare images of similar size (screenshots of the same viewport or"
                  + " element)",
              baseWidth,
              baseHeight,
              currentWidth,
              currentHeight,
              width,
              height,
              width * height,
              MAX_PIXELS));
    }
  }

  /**
   * The number of differing pixels exactly as pixelmatch 7.2 counts them over the whole
   * (top-aligned, padded) pair, without row alignment: the server's raw {@code diff_count}. Useful
   * to cross-check against pixelmatch itself.
   */
  public static long pixelmatchCount(RgbaImage baseline, RgbaImage current, DiffOptions options) {
    requireComparableSizes(baseline.width(), baseline.height(), current.width(), current.height());
    Comparison comparison = new Comparison(baseline, current, options);
    return comparison.naiveCount(null);
  }

  /** One comparison's state: the padded buffers and the pieces of the answer. */
  private static final class Comparison {
    private final RgbaImage baseline;
    private final RgbaImage current;
    private final DiffOptions options;
    private final PixelMatcher matcher;
    private final int width;
    private final int height;
    private final boolean sizeMismatch;
    private byte[] a;
    private byte[] b;

    Comparison(RgbaImage baseline, RgbaImage current, DiffOptions options) {
      this.baseline = baseline;
      this.current = current;
      this.options = options;
      this.matcher = new PixelMatcher(options);
      this.width = Math.max(baseline.width(), current.width());
      this.height = Math.max(baseline.height(), current.height());
      this.sizeMismatch =
          baseline.width() != current.width() || baseline.height() != current.height();
      this.a = pad(baseline, width, height);
      this.b = pad(current, width, height);
    }

    DiffResult run() {
      if (!sizeMismatch && Arrays.equals(a, b)) {
        byte[] out = options.renderDiffImage() ? greyCopy() : null;
        return new DiffResult(false, "exact", "", 0.0, 0, 1.0, false, 0, width, height, image(out));
      }
      byte[] out = options.renderDiffImage() ? greyCopy() : null;
      List<Segment> segments =
          height <= ALIGN_MAX_ROWS
              ? RowAlignment.align(a, baseline.height(), b, current.height(), width)
              : null;
      if (segments != null && hasShift(segments) && !anyPixelDifference()) {
        // The server aligns only pairs with at least one differing pixel.
        segments = null;
      }
      return segments == null ? unaligned(out) : aligned(segments, out);
    }

    private DiffResult unaligned(byte[] out) {
      long count = naiveCount(out);
      int[] rows = IntStream.range(0, height).toArray();
      boolean[] differs = new boolean[height];
      int stride = width * 4;
      for (int y = 0; y < height; y++) {
        int off = y * stride;
        differs[y] = !Arrays.equals(a, off, off + stride, b, off, off + stride);
      }
      double ssim = Ssim.compute(a, rows, b, rows, differs, width);
      double percentage = percentage(count);
      return classify(percentage, count, percentage, 0, 0, ssim, image(out));
    }

    private DiffResult aligned(List<Segment> segments, byte[] out) {
      List<Segment> replaced = new ArrayList<>();
      int inserted = 0;
      int deleted = 0;
      int matchedRows = 0;
      for (Segment s : segments) {
        switch (s.kind()) {
          case REPLACE -> {
            replaced.add(s);
            matchedRows += s.length();
          }
          case EQUAL -> matchedRows += s.length();
          case INSERT -> inserted += s.length();
          case DELETE -> deleted += s.length();
        }
      }
      long residual = residualCount(replaced, out);
      int shifted = Math.max(inserted, deleted);
      int relocated = relocatedRows(segments, inserted, deleted);
      long count = residual + (long) shifted * width;

      int[] aRows = new int[matchedRows];
      int[] bRows = new int[matchedRows];
      boolean[] differs = new boolean[matchedRows];
      int k = 0;
      int stride = width * 4;
      for (Segment s : segments) {
        if (s.kind() != Kind.EQUAL && s.kind() != Kind.REPLACE) {
          continue;
        }
        for (int i = 0; i < s.length(); i++, k++) {
          aRows[k] = s.baselineStart() + i;
          bRows[k] = s.currentStart() + i;
          if (s.kind() == Kind.REPLACE) {
            int aOff = aRows[k] * stride;
            int bOff = bRows[k] * stride;
            differs[k] = !Arrays.equals(a, aOff, aOff + stride, b, bOff, bOff + stride);
          }
        }
      }
      double ssim = Ssim.compute(a, aRows, b, bRows, differs, width);
      if (out != null) {
        DiffImagePainter.markMovedRows(out, width, height, segments);
      }
      return classify(
          percentage(residual), count, percentage(count), shifted, relocated, ssim, image(out));
    }

    private DiffResult classify(
        double residualPercentage,
        long count,
        double percentage,
        int shifted,
        int relocated,
        double ssim,
        RgbaImage diffImage) {
      String kind;
      if (residualPercentage >= PIXEL_DIFF_THRESHOLD_PERCENT) {
        kind = "pixel";
      } else if (shifted > SHIFT_ABSORB_MAX_ROWS || relocated > 0) {
        kind = "layout";
      } else if (percentage >= PIXEL_DIFF_THRESHOLD_PERCENT) {
        kind = "pixel";
      } else if (1.0 - ssim >= SSIM_DISSIMILARITY_THRESHOLD) {
        kind = "structural";
      } else {
        kind = "";
      }
      boolean changed = !kind.isEmpty();
      return new DiffResult(
          changed,
          changed ? "" : "below_threshold",
          kind,
          percentage,
          count,
          ssim,
          sizeMismatch,
          shifted,
          width,
          height,
          diffImage);
    }

    long naiveCount(byte[] out) {
      PixelMatcher.Band band = new PixelMatcher.Band(a, 0, b, 0, width, height);
      return countStrips(List.of(band), out);
    }

    private long residualCount(List<Segment> replaced, byte[] out) {
      List<PixelMatcher.Band> bands = new ArrayList<>();
      for (Segment s : replaced) {
        bands.add(
            new PixelMatcher.Band(a, s.baselineStart(), b, s.currentStart(), width, s.length()));
      }
      return countStrips(bands, out);
    }

    /** Counts the given bands in strips of rows, in parallel when there is enough work. */
    private long countStrips(List<PixelMatcher.Band> bands, byte[] out) {
      List<int[]> strips = new ArrayList<>();
      long pixels = 0;
      for (int i = 0; i < bands.size(); i++) {
        PixelMatcher.Band band = bands.get(i);
        pixels += (long) band.rows() * width;
        for (int from = 0; from < band.rows(); from += STRIP_ROWS) {
          strips.add(new int[] {i, from, Math.min(band.rows(), from + STRIP_ROWS)});
        }
      }
      return (long)
          Strips.sum(
              strips.size(),
              pixels >= PARALLEL_MIN_PIXELS,
              s -> {
                int[] strip = strips.get(s);
                PixelMatcher.Band band = bands.get(strip[0]);
                return matcher.count(band, strip[1], strip[2], out, band.bRow());
              });
    }

    private boolean anyPixelDifference() {
      return matcher.anyDifference(new PixelMatcher.Band(a, 0, b, 0, width, height));
    }

    /**
     * Inserted rows whose pixels equal a deleted row's and that stand out from their neighbours
     * where they were or where they landed: content that moved rather than padding that grew (the
     * server's relocation check). Only matters for shifts small enough to be absorbed.
     */
    private int relocatedRows(List<Segment> segments, int inserted, int deleted) {
      if (inserted == 0 || deleted == 0 || Math.max(inserted, deleted) > SHIFT_ABSORB_MAX_ROWS) {
        return 0;
      }
      int stride = width * 4;
      Map<Long, Boolean> deletedRows = new HashMap<>();
      for (Segment s : segments) {
        if (s.kind() == Kind.DELETE) {
          long[] band =
              RowAlignment.hashRows(a, s.baselineStart(), s.baselineStart() + s.length(), stride);
          boolean stoodOut =
              standsOut(a, baseline.height(), s.baselineStart(), s.length(), band, stride);
          for (long h : band) {
            deletedRows.merge(h, stoodOut, Boolean::logicalOr);
          }
        }
      }
      int relocated = 0;
      for (Segment s : segments) {
        if (s.kind() != Kind.INSERT) {
          continue;
        }
        long[] band =
            RowAlignment.hashRows(b, s.currentStart(), s.currentStart() + s.length(), stride);
        boolean allMoved = true;
        boolean anyStoodOut = false;
        for (long h : band) {
          Boolean stoodOut = deletedRows.get(h);
          if (stoodOut == null) {
            allMoved = false;
            break;
          }
          anyStoodOut |= stoodOut;
        }
        if (allMoved
            && (anyStoodOut
                || standsOut(b, current.height(), s.currentStart(), s.length(), band, stride))) {
          relocated += s.length();
        }
      }
      return relocated;
    }

    private static boolean standsOut(
        byte[] img, int rows, int start, int length, long[] band, int stride) {
      int end = start + length;
      if (start == 0 || end >= rows) {
        return false;
      }
      return RowAlignment.hashRow(img, (start - 1) * stride, stride) != band[0]
          && RowAlignment.hashRow(img, end * stride, stride) != band[band.length - 1];
    }

    private double percentage(long count) {
      return round4(count * 100.0 / ((double) width * height));
    }

    private byte[] greyCopy() {
      return DiffImagePainter.fadedCopy(b, width, height);
    }

    private RgbaImage image(byte[] out) {
      return out == null ? null : new RgbaImage(width, height, out);
    }
  }

  private static boolean hasShift(List<Segment> segments) {
    for (Segment s : segments) {
      if (s.kind() == Kind.INSERT || s.kind() == Kind.DELETE) {
        return true;
      }
    }
    return false;
  }

  /** Python's {@code round(x, 4)}: half-even on the exact binary value. */
  static double round4(double value) {
    return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The image's pixels at {@code width x height}, transparent outside it; no copy when it fits. */
  private static byte[] pad(RgbaImage image, int width, int height) {
    if (image.width() == width && image.height() == height) {
      return image.rgba();
    }
    byte[] padded = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 4)];
    int srcStride = image.width() * 4;
    int dstStride = width * 4;
    for (int y = 0; y < image.height(); y++) {
      System.arraycopy(image.rgba(), y * srcStride, padded, y * dstStride, srcStride);
    }
    return padded;
  }
}
