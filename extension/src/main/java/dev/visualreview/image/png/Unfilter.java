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
      case 1 -> {
        if (bpp == 3 && len % 3 == 0) {
          sub3(cur, curOff, len);
        } else {
          sub(cur, curOff, len, bpp);
        }
      }
      case 2 -> up(cur, curOff, prev, prevOff, len);
      case 3 -> average(cur, curOff, prev, prevOff, len, bpp);
      case 4 -> {
        if (bpp == 3 && len % 3 == 0) {
          paeth3(cur, curOff, prev, prevOff, len);
        } else if (bpp == 4 && (len & 3) == 0) {
          paeth4(cur, curOff, prev, prevOff, len);
        } else {
          paeth(cur, curOff, prev, prevOff, len, bpp);
        }
      }
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

  /** Sub for RGB8 with the left pixel in registers (see {@link #paeth3}). */
  private static void sub3(byte[] cur, int off, int len) {
    int a0 = 0, a1 = 0, a2 = 0;
    for (int i = off, end = off + len; i < end; i += 3) {
      a0 += cur[i];
      a1 += cur[i + 1];
      a2 += cur[i + 2];
      cur[i] = (byte) a0;
      cur[i + 1] = (byte) a1;
      cur[i + 2] = (byte) a2;
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

  /**
   * Paeth for RGB8, a pixel per step: the left and upper-left samples stay in registers instead of
   * being read back from the row just written (a store-to-load round trip per byte), which made the
   * byte-wise loop the slowest part of decoding a screenshot. The predictor is written out for each
   * sample (the JIT's first tier does not inline a method of its size, and a call per byte is what
   * a short-lived JVM would run). For the first pixel a = c = 0, where the predictor is b, exactly
   * as the PNG specification defines it.
   */
  private static void paeth3(byte[] cur, int off, byte[] prev, int prevOff, int len) {
    int delta = prevOff - off;
    int a0 = 0, a1 = 0, a2 = 0, c0 = 0, c1 = 0, c2 = 0;
    for (int i = off, end = off + len; i < end; i += 3) {
      int b0 = prev[i + delta] & 0xFF;
      int b1 = prev[i + delta + 1] & 0xFF;
      int b2 = prev[i + delta + 2] & 0xFF;
      int pa = Math.abs(b0 - c0);
      int pb = Math.abs(a0 - c0);
      int pc = Math.abs(a0 + b0 - c0 - c0);
      a0 = (cur[i] + ((pa <= pb && pa <= pc) ? a0 : (pb <= pc ? b0 : c0))) & 0xFF;
      pa = Math.abs(b1 - c1);
      pb = Math.abs(a1 - c1);
      pc = Math.abs(a1 + b1 - c1 - c1);
      a1 = (cur[i + 1] + ((pa <= pb && pa <= pc) ? a1 : (pb <= pc ? b1 : c1))) & 0xFF;
      pa = Math.abs(b2 - c2);
      pb = Math.abs(a2 - c2);
      pc = Math.abs(a2 + b2 - c2 - c2);
      a2 = (cur[i + 2] + ((pa <= pb && pa <= pc) ? a2 : (pb <= pc ? b2 : c2))) & 0xFF;
      cur[i] = (byte) a0;
      cur[i + 1] = (byte) a1;
      cur[i + 2] = (byte) a2;
      c0 = b0;
      c1 = b1;
      c2 = b2;
    }
  }

  /** Paeth for RGBA8, a pixel per step; see {@link #paeth3}. */
  private static void paeth4(byte[] cur, int off, byte[] prev, int prevOff, int len) {
    int delta = prevOff - off;
    int a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (int i = off, end = off + len; i < end; i += 4) {
      int b0 = prev[i + delta] & 0xFF;
      int b1 = prev[i + delta + 1] & 0xFF;
      int b2 = prev[i + delta + 2] & 0xFF;
      int b3 = prev[i + delta + 3] & 0xFF;
      int pa = Math.abs(b0 - c0);
      int pb = Math.abs(a0 - c0);
      int pc = Math.abs(a0 + b0 - c0 - c0);
      a0 = (cur[i] + ((pa <= pb && pa <= pc) ? a0 : (pb <= pc ? b0 : c0))) & 0xFF;
      pa = Math.abs(b1 - c1);
      pb = Math.abs(a1 - c1);
      pc = Math.abs(a1 + b1 - c1 - c1);
      a1 = (cur[i + 1] + ((pa <= pb && pa <= pc) ? a1 : (pb <= pc ? b1 : c1))) & 0xFF;
      pa = Math.abs(b2 - c2);
      pb = Math.abs(a2 - c2);
      pc = Math.abs(a2 + b2 - c2 - c2);
      a2 = (cur[i + 2] + ((pa <= pb && pa <= pc) ? a2 : (pb <= pc ? b2 : c2))) & 0xFF;
      pa = Math.abs(b3 - c3);
      pb = Math.abs(a3 - c3);
      pc = Math.abs(a3 + b3 - c3 - c3);
      a3 = (cur[i + 3] + ((pa <= pb && pa <= pc) ? a3 : (pb <= pc ? b3 : c3))) & 0xFF;
      cur[i] = (byte) a0;
      cur[i + 1] = (byte) a1;
      cur[i + 2] = (byte) a2;
      cur[i + 3] = (byte) a3;
      c0 = b0;
      c1 = b1;
      c2 = b2;
      c3 = b3;
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
