package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;

/** Reverses the five PNG scanline filters in place. */
final class Unfilter {
  private Unfilter() {}

  /**
   * Unfilters {@code len} bytes of {@code cur} from {@code curOff} using the previous (already
   * unfiltered) scanline at {@code prevOff} in {@code prev} (all zeros for a pass's first row).
   */
  static void unfilter(
      int filterType, byte[] cur, int curOff, byte[] prev, int prevOff, int len, int bpp, int row) {
    switch (filterType) {
      case 0 -> {}
      case 1 -> sub(cur, curOff, len, bpp);
      case 2 -> up(cur, curOff, prev, prevOff, len);
      case 3 -> average(cur, curOff, prev, prevOff, len, bpp);
      case 4 -> paeth(cur, curOff, prev, prevOff, len, bpp);
      default ->
          throw new InvalidImageException(
              "PNG scanline "
                  + row
                  + " has unknown filter type "
                  + filterType
                  + ": the file is damaged");
    }
  }

  private static void sub(byte[] cur, int off, int len, int bpp) {
    for (int i = off + bpp, end = off + len; i < end; i++) {
      cur[i] += cur[i - bpp];
    }
  }

  private static void up(byte[] cur, int off, byte[] prev, int prevOff, int len) {
    int delta = prevOff - off;
    for (int i = off, end = off + len; i < end; i++) {
      cur[i] += prev[i + delta];
    }
  }

  private static void average(byte[] cur, int off, byte[] prev, int prevOff, int len, int bpp) {
    int delta = prevOff - off;
    int first = off + Math.min(bpp, len);
    for (int i = off; i < first; i++) {
      cur[i] += (prev[i + delta] & 0xFF) >>> 1;
    }
    for (int i = first, end = off + len; i < end; i++) {
      cur[i] += ((cur[i - bpp] & 0xFF) + (prev[i + delta] & 0xFF)) >>> 1;
    }
  }

  private static void paeth(byte[] cur, int off, byte[] prev, int prevOff, int len, int bpp) {
    int delta = prevOff - off;
    int first = off + Math.min(bpp, len);
    for (int i = off; i < first; i++) {
      cur[i] += prev[i + delta];
    }
    for (int i = first, end = off + len; i < end; i++) {
      int a = cur[i - bpp] & 0xFF;
      int b = prev[i + delta] & 0xFF;
      int c = prev[i + delta - bpp] & 0xFF;
      int pa = Math.abs(b - c);
      int pb = Math.abs(a - c);
      int pc = Math.abs(a + b - c - c);
      int predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
      cur[i] += predictor;
    }
  }
}
