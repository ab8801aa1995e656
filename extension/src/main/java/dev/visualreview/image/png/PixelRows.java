package dev.visualreview.image.png;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Scanlines of RGB8 and RGBA8 images as little-endian ints: an RGBA pixel is one int, four RGB
 * pixels are three ints. Rows move between byte and int arrays with bulk copies (a memory copy in
 * every JIT tier, unlike per-int {@code VarHandle} reads, which are fast only once C2 has compiled
 * the loop around them), and the per-pixel work is plain int arithmetic: cheap while a short-lived
 * JVM still runs these loops in its first tiers, and four bytes per operation once compiled.
 */
final class PixelRows {
  private PixelRows() {}

  private static final int LOW7 = 0x7F7F7F7F;
  private static final int HIGH = 0x80808080;
  private static final int OPAQUE = 0xFF000000;

  /**
   * Copies {@code 4 * count} bytes of {@code bytes} from {@code off} into {@code ints[0, count)}.
   */
  static void load(byte[] bytes, int off, int count, int[] ints) {
    ByteBuffer.wrap(bytes, off, count * 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .get(ints, 0, count);
  }

  /** Copies {@code ints[from, from + count)} into {@code 4 * count} bytes of {@code bytes}. */
  static void store(int[] ints, int from, int count, byte[] bytes, int off) {
    ByteBuffer.wrap(bytes, off, count * 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .put(ints, from, count);
  }

  /** Adds four bytes to four bytes, each byte on its own (no carries between them). */
  private static int addBytes(int x, int y) {
    return ((x & LOW7) + (y & LOW7)) ^ ((x ^ y) & HIGH);
  }

  /**
   * An Up-filtered RGB8 row into RGBA pixels {@code out[dst, dst + width)}: the filtered samples
   * (as ints in {@code raw}, and as bytes at {@code rawBytes[rawOff]} for the last {@code width %
   * 4} pixels) plus the pixels of the row above, {@code out[above, above + width)}. Alpha stays
   * 255: the row above has it and the filtered samples add 0.
   */
  static void upRgb(
      int[] raw, byte[] rawBytes, int rawOff, int[] out, int dst, int above, int width) {
    int quads = width >>> 2;
    for (int q = 0, r = 0, d = dst, a = above; q < quads; q++, r += 3, d += 4, a += 4) {
      int w0 = raw[r];
      int w1 = raw[r + 1];
      int w2 = raw[r + 2];
      out[d] = addBytes(w0 & 0xFFFFFF, out[a]);
      out[d + 1] = addBytes(((w0 >>> 24) | (w1 << 8)) & 0xFFFFFF, out[a + 1]);
      out[d + 2] = addBytes(((w1 >>> 16) | (w2 << 16)) & 0xFFFFFF, out[a + 2]);
      out[d + 3] = addBytes(w2 >>> 8, out[a + 3]);
    }
    for (int x = quads * 4; x < width; x++) {
      int s = rawOff + 3 * x;
      int filtered =
          (rawBytes[s] & 0xFF) | (rawBytes[s + 1] & 0xFF) << 8 | (rawBytes[s + 2] & 0xFF) << 16;
      out[dst + x] = addBytes(filtered, out[above + x]);
    }
  }

  /**
   * An Up-filtered RGBA8 row (as ints in {@code raw}) into {@code out[dst, dst + width)}, the row
   * above being {@code out[above, above + width)}.
   */
  static void upRgba(int[] raw, int[] out, int dst, int above, int width) {
    for (int x = 0; x < width; x++) {
      out[dst + x] = addBytes(raw[x], out[above + x]);
    }
  }

  /**
   * Unfiltered RGB8 samples (as ints in {@code rgb}, and as bytes in {@code rgbBytes} for the last
   * {@code width % 4} pixels) into opaque RGBA pixels {@code out[dst, dst + width)}.
   */
  static void rgbToPixels(int[] rgb, byte[] rgbBytes, int[] out, int dst, int width) {
    int quads = width >>> 2;
    for (int q = 0, r = 0, d = dst; q < quads; q++, r += 3, d += 4) {
      int w0 = rgb[r];
      int w1 = rgb[r + 1];
      int w2 = rgb[r + 2];
      out[d] = w0 | OPAQUE;
      out[d + 1] = (w0 >>> 24) | (w1 << 8) | OPAQUE;
      out[d + 2] = (w1 >>> 16) | (w2 << 16) | OPAQUE;
      out[d + 3] = (w2 >>> 8) | OPAQUE;
    }
    for (int x = quads * 4; x < width; x++) {
      int s = 3 * x;
      out[dst + x] =
          (rgbBytes[s] & 0xFF)
              | (rgbBytes[s + 1] & 0xFF) << 8
              | (rgbBytes[s + 2] & 0xFF) << 16
              | OPAQUE;
    }
  }

  /**
   * The RGB samples of RGBA pixels {@code pixels[src, src + width)} into {@code rgbBytes} (the
   * previous row of a filter that needs it), through {@code scratch}.
   */
  static void pixelsToRgb(int[] pixels, int src, int width, int[] scratch, byte[] rgbBytes) {
    int quads = width >>> 2;
    for (int q = 0, r = 0, s = src; q < quads; q++, r += 3, s += 4) {
      int p0 = pixels[s];
      int p1 = pixels[s + 1];
      int p2 = pixels[s + 2];
      int p3 = pixels[s + 3];
      scratch[r] = (p0 & 0xFFFFFF) | (p1 << 24);
      scratch[r + 1] = ((p1 >>> 8) & 0xFFFF) | (p2 << 16);
      scratch[r + 2] = ((p2 >>> 16) & 0xFF) | (p3 << 8);
    }
    store(scratch, 0, quads * 3, rgbBytes, 0);
    for (int x = quads * 4; x < width; x++) {
      int p = pixels[src + x];
      rgbBytes[3 * x] = (byte) p;
      rgbBytes[3 * x + 1] = (byte) (p >>> 8);
      rgbBytes[3 * x + 2] = (byte) (p >>> 16);
    }
  }
}
