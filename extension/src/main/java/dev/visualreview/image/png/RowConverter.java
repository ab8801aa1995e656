package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;

/**
 * Converts one unfiltered scanline of any colour type and bit depth to straight RGBA8, as PostHog
 * hashes it: 16-bit samples keep their high byte, sub-byte grey is scaled to 0..255, palette
 * entries take their alpha from tRNS, and a tRNS colour key makes matching grey/RGB pixels fully
 * transparent (compared at full sample precision). No colour management, no premultiplication.
 */
final class RowConverter {
  private final PngFile file;
  private final int colourType;
  private final int bitDepth;
  private final int[] key;

  RowConverter(PngFile file) {
    this.file = file;
    this.colourType = file.header.colourType();
    this.bitDepth = file.header.bitDepth();
    this.key = file.colourKey;
  }

  /**
   * Writes {@code pixels} RGBA pixels from {@code row} to {@code out}, starting at {@code outOff}
   * and advancing {@code outStep} bytes per pixel (4, or more when scattering an Adam7 pass).
   */
  void convert(byte[] row, int pixels, byte[] out, int outOff, int outStep) {
    switch (colourType) {
      case PngHeader.RGBA -> rgba(row, pixels, out, outOff, outStep);
      case PngHeader.RGB -> rgb(row, pixels, out, outOff, outStep);
      case PngHeader.GREY_ALPHA -> greyAlpha(row, pixels, out, outOff, outStep);
      case PngHeader.GREY -> grey(row, pixels, out, outOff, outStep);
      default -> palette(row, pixels, out, outOff, outStep);
    }
  }

  private void rgba(byte[] row, int pixels, byte[] out, int o, int step) {
    if (bitDepth == 8) {
      if (step == 4) {
        System.arraycopy(row, 0, out, o, pixels * 4);
        return;
      }
      for (int i = 0, p = 0; i < pixels; i++, p += 4, o += step) {
        out[o] = row[p];
        out[o + 1] = row[p + 1];
        out[o + 2] = row[p + 2];
        out[o + 3] = row[p + 3];
      }
    } else {
      for (int i = 0, p = 0; i < pixels; i++, p += 8, o += step) {
        out[o] = row[p];
        out[o + 1] = row[p + 2];
        out[o + 2] = row[p + 4];
        out[o + 3] = row[p + 6];
      }
    }
  }

  private void rgb(byte[] row, int pixels, byte[] out, int o, int step) {
    if (bitDepth == 8) {
      if (key == null) {
        for (int i = 0, p = 0; i < pixels; i++, p += 3, o += step) {
          out[o] = row[p];
          out[o + 1] = row[p + 1];
          out[o + 2] = row[p + 2];
          out[o + 3] = (byte) 0xFF;
        }
      } else {
        for (int i = 0, p = 0; i < pixels; i++, p += 3, o += step) {
          int r = row[p] & 0xFF;
          int g = row[p + 1] & 0xFF;
          int b = row[p + 2] & 0xFF;
          out[o] = (byte) r;
          out[o + 1] = (byte) g;
          out[o + 2] = (byte) b;
          out[o + 3] = (r == key[0] && g == key[1] && b == key[2]) ? 0 : (byte) 0xFF;
        }
      }
    } else {
      for (int i = 0, p = 0; i < pixels; i++, p += 6, o += step) {
        out[o] = row[p];
        out[o + 1] = row[p + 2];
        out[o + 2] = row[p + 4];
        boolean transparent =
            key != null
                && sample16(row, p) == key[0]
                && sample16(row, p + 2) == key[1]
                && sample16(row, p + 4) == key[2];
        out[o + 3] = transparent ? 0 : (byte) 0xFF;
      }
    }
  }

  private void greyAlpha(byte[] row, int pixels, byte[] out, int o, int step) {
    int bytesPerSample = bitDepth / 8;
    for (int i = 0, p = 0; i < pixels; i++, p += 2 * bytesPerSample, o += step) {
      byte grey = row[p];
      out[o] = grey;
      out[o + 1] = grey;
      out[o + 2] = grey;
      out[o + 3] = row[p + bytesPerSample];
    }
  }

  private void grey(byte[] row, int pixels, byte[] out, int o, int step) {
    int keyValue = key == null ? -1 : key[0];
    if (bitDepth == 16) {
      for (int i = 0, p = 0; i < pixels; i++, p += 2, o += step) {
        byte grey = row[p];
        out[o] = grey;
        out[o + 1] = grey;
        out[o + 2] = grey;
        out[o + 3] = sample16(row, p) == keyValue ? 0 : (byte) 0xFF;
      }
      return;
    }
    int mask = (1 << bitDepth) - 1;
    int scale = 255 / mask;
    for (int i = 0; i < pixels; i++, o += step) {
      int sample = subByteSample(row, i, mask);
      byte grey = (byte) (sample * scale);
      out[o] = grey;
      out[o + 1] = grey;
      out[o + 2] = grey;
      out[o + 3] = sample == keyValue ? 0 : (byte) 0xFF;
    }
  }

  private void palette(byte[] row, int pixels, byte[] out, int o, int step) {
    byte[] pal = file.palette;
    int size = file.paletteSize;
    int mask = (1 << bitDepth) - 1;
    for (int i = 0; i < pixels; i++, o += step) {
      int index = subByteSample(row, i, mask);
      if (index >= size) {
        throw new InvalidImageException(
            "PNG pixel uses palette index "
                + index
                + " but the palette has only "
                + size
                + " entries: the file is damaged");
      }
      int q = index * 4;
      out[o] = pal[q];
      out[o + 1] = pal[q + 1];
      out[o + 2] = pal[q + 2];
      out[o + 3] = pal[q + 3];
    }
  }

  private int subByteSample(byte[] row, int i, int mask) {
    if (bitDepth == 8) {
      return row[i] & 0xFF;
    }
    int bit = i * bitDepth;
    int shift = 8 - bitDepth - (bit & 7);
    return ((row[bit >>> 3] & 0xFF) >>> shift) & mask;
  }

  private static int sample16(byte[] row, int p) {
    return ((row[p] & 0xFF) << 8) | (row[p + 1] & 0xFF);
  }
}
