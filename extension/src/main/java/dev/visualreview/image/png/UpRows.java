package dev.visualreview.image.png;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Rows of a decode into RGBA8 bytes ({@link PixelRows} does the same for pixels as ints). The Up
 * filter (the most common one in browser screenshots) is applied straight into the output: each
 * output row is the filtered row plus the output row above it, added byte-wise four bytes at a time
 * in an int, with no intermediate copy or conversion pass.
 */
final class UpRows {
  private UpRows() {}

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int LOW7 = 0x7F7F7F7F;
  private static final int HIGH = 0x80808080;

  /** Adds four bytes to four bytes, each byte on its own (no carries between them). */
  private static int addBytes(int x, int y) {
    return ((x & LOW7) + (y & LOW7)) ^ ((x ^ y) & HIGH);
  }

  /**
   * Unfilters an Up-filtered RGB8 row of {@code pixels} at {@code raw[s]} into RGBA8 at {@code
   * out[d]}, using the finished RGBA8 row at {@code out[above]}. Alpha stays 255: the row above has
   * 255 and the filtered row contributes 0.
   */
  static void rgb(byte[] raw, int s, byte[] out, int d, int above, int pixels) {
    int i = 0;
    for (; i + 4 <= pixels; i += 4, s += 12, d += 16, above += 16) {
      int w0 = (int) LE_INT.get(raw, s);
      int w1 = (int) LE_INT.get(raw, s + 4);
      int w2 = (int) LE_INT.get(raw, s + 8);
      LE_INT.set(out, d, addBytes(w0 & 0xFFFFFF, (int) LE_INT.get(out, above)));
      LE_INT.set(
          out,
          d + 4,
          addBytes(((w0 >>> 24) | (w1 << 8)) & 0xFFFFFF, (int) LE_INT.get(out, above + 4)));
      LE_INT.set(
          out,
          d + 8,
          addBytes(((w1 >>> 16) | (w2 << 16)) & 0xFFFFFF, (int) LE_INT.get(out, above + 8)));
      LE_INT.set(out, d + 12, addBytes(w2 >>> 8, (int) LE_INT.get(out, above + 12)));
    }
    for (; i < pixels; i++, s += 3, d += 4, above += 4) {
      out[d] = (byte) (raw[s] + out[above]);
      out[d + 1] = (byte) (raw[s + 1] + out[above + 1]);
      out[d + 2] = (byte) (raw[s + 2] + out[above + 2]);
      out[d + 3] = (byte) 0xFF;
    }
  }

  /**
   * Unfilters an Up-filtered RGBA8 row of {@code len} bytes at {@code raw[s]} into {@code out[d]}.
   */
  static void rgba(byte[] raw, int s, byte[] out, int d, int above, int len) {
    int i = 0;
    for (; i + 4 <= len; i += 4) {
      LE_INT.set(
          out, d + i, addBytes((int) LE_INT.get(raw, s + i), (int) LE_INT.get(out, above + i)));
    }
    for (; i < len; i++) {
      out[d + i] = (byte) (raw[s + i] + out[above + i]);
    }
  }

  /**
   * Unfiltered RGB8 samples {@code src[0, 3 * pixels)} into RGBA8 at {@code dst[d]}, four pixels
   * per step: three little-endian int loads, four int stores with alpha 255.
   */
  static void rgbToRgba(byte[] src, byte[] dst, int d, int pixels) {
    int s = 0;
    int i = 0;
    for (; i + 4 <= pixels; i += 4, s += 12, d += 16) {
      int w0 = (int) LE_INT.get(src, s);
      int w1 = (int) LE_INT.get(src, s + 4);
      int w2 = (int) LE_INT.get(src, s + 8);
      LE_INT.set(dst, d, w0 | 0xFF000000);
      LE_INT.set(dst, d + 4, (w0 >>> 24) | (w1 << 8) | 0xFF000000);
      LE_INT.set(dst, d + 8, (w1 >>> 16) | (w2 << 16) | 0xFF000000);
      LE_INT.set(dst, d + 12, (w2 >>> 8) | 0xFF000000);
    }
    for (; i < pixels; i++, s += 3, d += 4) {
      dst[d] = src[s];
      dst[d + 1] = src[s + 1];
      dst[d + 2] = src[s + 2];
      dst[d + 3] = (byte) 0xFF;
    }
  }

  /** Copies the RGB samples of an RGBA8 row (to serve as the previous row of the next filter). */
  static void rgbOf(byte[] out, int d, byte[] rgb, int pixels) {
    for (int i = 0, r = 0; i < pixels; i++, d += 4, r += 3) {
      rgb[r] = out[d];
      rgb[r + 1] = out[d + 1];
      rgb[r + 2] = out[d + 2];
    }
  }
}
