package dev.visualreview.image.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pairs the rows of two images so that a band inserted or deleted part-way down a page is seen as a
 * shift, not as a change of everything below it (the server's row alignment, api.md section 8).
 *
 * <p>Each row is reduced to a 64-bit hash; a Myers O(ND) diff over the hashes finds the rows
 * present in both images; an adjacent delete and insert are paired back into a "replace" (content
 * that changed in place, such as anti-aliasing jitter on a text row). Rows common to the top and
 * bottom of both images are matched by direct comparison before any hashing. The edit budget is a
 * quarter of the combined row count, at most 2048 rows; a pair more different than that is not
 * aligned.
 */
final class RowAlignment {

  /** How a run of rows relates the two images. */
  enum Kind {
    EQUAL,
    REPLACE,
    INSERT,
    DELETE
  }

  /** A run of {@code length} rows of one kind, starting at the given row of each image. */
  record Segment(Kind kind, int baselineStart, int currentStart, int length) {}

  static final double MAX_EDIT_RATIO = 0.25;
  static final int MAX_EDIT_ROWS = 2048;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private RowAlignment() {}

  /**
   * Aligns rows {@code [0, baselineRows)} of {@code a} with rows {@code [0, currentRows)} of {@code
   * b}, both with a stride of {@code width * 4}; returns null when the pair exceeds the edit
   * budget.
   */
  static List<Segment> align(byte[] a, int baselineRows, byte[] b, int currentRows, int width) {
    int stride = width * 4;
    int common = Math.min(baselineRows, currentRows);
    int firstDiff = Arrays.mismatch(a, 0, common * stride, b, 0, common * stride);
    int prefix = firstDiff < 0 ? common : firstDiff / stride;
    int suffix = 0;
    while (suffix < common - prefix) {
      int aOff = (baselineRows - 1 - suffix) * stride;
      int bOff = (currentRows - 1 - suffix) * stride;
      if (!Arrays.equals(a, aOff, aOff + stride, b, bOff, bOff + stride)) {
        break;
      }
      suffix++;
    }
    int budget =
        (int) Math.min(Math.ceil(MAX_EDIT_RATIO * (baselineRows + currentRows)), MAX_EDIT_ROWS);
    if (!withinBudgetPossible(
        a, baselineRows - suffix, b, currentRows - suffix, prefix, width, budget)) {
      return null;
    }
    long[] baselineHashes = new long[Math.max(0, baselineRows - suffix - prefix)];
    long[] currentHashes = new long[Math.max(0, currentRows - suffix - prefix)];
    hashBoth(a, baselineHashes, b, currentHashes, prefix, stride);
    List<int[]> runs = myers(baselineHashes, currentHashes, budget);
    if (runs == null) {
      return null;
    }
    List<Segment> segments = new ArrayList<>();
    if (prefix > 0) {
      segments.add(new Segment(Kind.EQUAL, 0, 0, prefix));
    }
    segments.addAll(pairReplacements(runs, prefix));
    if (suffix > 0) {
      segments.add(new Segment(Kind.EQUAL, baselineRows - suffix, currentRows - suffix, suffix));
    }
    return segments;
  }

  private static final int SAMPLES = 32;

  /**
   * Whether the rows {@code [first, aEnd)} of {@code a} and {@code [first, bEnd)} of {@code b}
   * could be aligned within {@code budget} edits, judged from a few sampled pixels per row before
   * hashing whole rows. Myers' edit distance is n + m − 2·LCS, and rows can only be paired when
   * they are equal, so also equal in the sampled pixels: the LCS is at most the number of rows that
   * can be paired by their samples (the multiset intersection). When even that leaves more than
   * {@code budget} edits, the full alignment would fail too. A pair whose content moved while its
   * background changed (every row different) is settled here.
   */
  private static boolean withinBudgetPossible(
      byte[] a, int aEnd, byte[] b, int bEnd, int first, int width, int budget) {
    int n = Math.max(0, aEnd - first);
    int m = Math.max(0, bEnd - first);
    if (n + m <= budget) {
      return true;
    }
    long[] aSamples = sampleRows(a, first, aEnd, width);
    long[] bSamples = sampleRows(b, first, bEnd, width);
    Arrays.sort(aSamples);
    Arrays.sort(bSamples);
    int pairable = 0;
    for (int i = 0, j = 0; i < n && j < m; ) {
      if (aSamples[i] == bSamples[j]) {
        pairable++;
        i++;
        j++;
      } else if (aSamples[i] < bSamples[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n + m - 2L * pairable <= budget;
  }

  /**
   * A 64-bit signature of {@link #SAMPLES} evenly spaced pixels of each row in {@code [from, to)}.
   */
  private static long[] sampleRows(byte[] img, int from, int to, int width) {
    int stride = width * 4;
    int samples = Math.min(SAMPLES, width);
    long[] signatures = new long[Math.max(0, to - from)];
    for (int y = from; y < to; y++) {
      int off = y * stride;
      long h = 0x9E3779B97F4A7C15L;
      for (int s = 0; s < samples; s++) {
        int x = samples == 1 ? 0 : (int) ((long) s * (width - 1) / (samples - 1));
        int pixel = (int) PixelMatcher.INTS.get(img, off + x * 4);
        h = Long.rotateLeft((h ^ pixel) * 0xC2B2AE3D27D4EB4FL, 29);
      }
      signatures[y - from] = h;
    }
    return signatures;
  }

  /**
   * Fills both hash arrays (rows from {@code first} on) in strips of {@code HASH_STRIP_ROWS} rows,
   * on both cores when there is enough to hash.
   */
  private static void hashBoth(
      byte[] a, long[] aHashes, byte[] b, long[] bHashes, int first, int stride) {
    int aStrips = (aHashes.length + HASH_STRIP_ROWS - 1) / HASH_STRIP_ROWS;
    int bStrips = (bHashes.length + HASH_STRIP_ROWS - 1) / HASH_STRIP_ROWS;
    long bytes = (long) (aHashes.length + bHashes.length) * stride;
    Strips.sum(
        aStrips + bStrips,
        bytes >= PARALLEL_MIN_BYTES,
        s -> {
          boolean inA = s < aStrips;
          long[] hashes = inA ? aHashes : bHashes;
          byte[] img = inA ? a : b;
          int from = (inA ? s : s - aStrips) * HASH_STRIP_ROWS;
          int to = Math.min(hashes.length, from + HASH_STRIP_ROWS);
          for (int y = from; y < to; y++) {
            hashes[y] = hashRow(img, (first + y) * stride, stride);
          }
          return 0;
        });
  }

  private static final int HASH_STRIP_ROWS = 128;
  private static final long PARALLEL_MIN_BYTES = 1 << 21;

  /** 64-bit hashes of rows {@code [from, to)}. */
  static long[] hashRows(byte[] img, int from, int to, int stride) {
    long[] hashes = new long[Math.max(0, to - from)];
    for (int y = from; y < to; y++) {
      hashes[y - from] = hashRow(img, y * stride, stride);
    }
    return hashes;
  }

  static long hashRow(byte[] img, int off, int len) {
    long h1 = 0x9E3779B97F4A7C15L ^ len;
    long h2 = 0xC2B2AE3D27D4EB4FL;
    int end = off + len;
    int i = off;
    for (; i + 16 <= end; i += 16) {
      long v1 = (long) LONGS.get(img, i);
      long v2 = (long) LONGS.get(img, i + 8);
      h1 = Long.rotateLeft(h1 ^ (v1 * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
      h2 = Long.rotateLeft(h2 ^ (v2 * 0x4CF5AD432745937FL), 33) * 0x87C37B91114253D5L;
    }
    for (; i + 4 <= end; i += 4) {
      long v = (int) PixelMatcher.INTS.get(img, i) & 0xffffffffL;
      h1 = Long.rotateLeft(h1 ^ (v * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
    }
    long h = h1 ^ Long.rotateLeft(h2, 17);
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  private static final int EQUAL = 0;
  private static final int INSERT = 1;
  private static final int DELETE = 2;

  /**
   * Myers' greedy O(ND) diff; returns runs {op, baselineIndex, currentIndex, length} (indices
   * relative to the arrays), or null when the edit distance exceeds {@code maxD}.
   */
  private static List<int[]> myers(long[] base, long[] cur, int maxD) {
    int n = base.length;
    int m = cur.length;
    int offset = maxD + 1;
    int[] v = new int[2 * (maxD + 1) + 1];
    List<int[]> trace = new ArrayList<>();
    for (int d = 0; d <= maxD; d++) {
      trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
      for (int k = -d; k <= d; k += 2) {
        boolean down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
        int x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && base[x] == cur[y]) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          return backtrack(trace, n, m);
        }
      }
    }
    return null;
  }

  private static List<int[]> backtrack(List<int[]> trace, int n, int m) {
    List<int[]> ops = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = trace.size() - 1; d >= 0; d--) {
      int[] v = trace.get(d);
      int k = x - y;
      int prevX;
      int prevY;
      if (d == 0) {
        prevX = 0;
        prevY = 0;
      } else {
        int prevK = (k == -d || (k != d && v[k - 1 + d] < v[k + 1 + d])) ? k + 1 : k - 1;
        prevX = v[prevK + d];
        prevY = prevX - prevK;
      }
      while (x > prevX && y > prevY) {
        x--;
        y--;
        ops.add(new int[] {EQUAL, x, y});
      }
      if (d == 0) {
        break;
      }
      if (x > prevX) {
        x--;
        ops.add(new int[] {DELETE, x, y});
      } else if (y > prevY) {
        y--;
        ops.add(new int[] {INSERT, x, y});
      }
    }
    List<int[]> runs = new ArrayList<>();
    for (int i = ops.size() - 1; i >= 0; i--) {
      int[] op = ops.get(i);
      int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last[0] == op[0]) {
        last[3]++;
      } else {
        runs.add(new int[] {op[0], op[1], op[2], 1});
      }
    }
    return runs;
  }

  /** Turns an adjacent delete and insert into a replace, leaving any surplus as it was. */
  private static List<Segment> pairReplacements(List<int[]> runs, int shift) {
    List<Segment> segments = new ArrayList<>();
    int index = 0;
    while (index < runs.size()) {
      int[] run = runs.get(index);
      int[] next = index + 1 < runs.size() ? runs.get(index + 1) : null;
      boolean pair =
          next != null
              && ((run[0] == DELETE && next[0] == INSERT)
                  || (run[0] == INSERT && next[0] == DELETE));
      if (!pair) {
        Kind kind = run[0] == EQUAL ? Kind.EQUAL : run[0] == INSERT ? Kind.INSERT : Kind.DELETE;
        segments.add(new Segment(kind, run[1] + shift, run[2] + shift, run[3]));
        index++;
        continue;
      }
      int deleteLen = run[0] == DELETE ? run[3] : next[3];
      int insertLen = run[0] == INSERT ? run[3] : next[3];
      int baselineStart = Math.min(run[1], next[1]) + shift;
      int currentStart = Math.min(run[2], next[2]) + shift;
      int paired = Math.min(deleteLen, insertLen);
      segments.add(new Segment(Kind.REPLACE, baselineStart, currentStart, paired));
      if (deleteLen > paired) {
        segments.add(
            new Segment(
                Kind.DELETE, baselineStart + paired, currentStart + paired, deleteLen - paired));
      } else if (insertLen > paired) {
        segments.add(
            new Segment(
                Kind.INSERT, baselineStart + paired, currentStart + paired, insertLen - paired));
      }
      index += 2;
    }
    return segments;
  }
}
