package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;

/**
 * The validated IHDR chunk.
 *
 * @param width width in pixels (positive)
 * @param height height in pixels (positive)
 * @param bitDepth bits per sample: 1, 2, 4, 8 or 16, as allowed for the colour type
 * @param colourType 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 * @param interlaced whether the image data is Adam7-interlaced
 */
public record PngHeader(int width, int height, int bitDepth, int colourType, boolean interlaced) {

  public static final int GREY = 0;
  public static final int RGB = 2;
  public static final int PALETTE = 3;
  public static final int GREY_ALPHA = 4;
  public static final int RGBA = 6;

  /** Parses and validates the 13 data bytes of IHDR. */
  static PngHeader parse(byte[] png, int off) {
    long width = readUnsigned(png, off);
    long height = readUnsigned(png, off + 4);
    int bitDepth = png[off + 8] & 0xFF;
    int colourType = png[off + 9] & 0xFF;
    int compression = png[off + 10] & 0xFF;
    int filter = png[off + 11] & 0xFF;
    int interlace = png[off + 12] & 0xFF;
    if (width == 0 || height == 0) {
      throw new InvalidImageException(
          "PNG has zero size (" + width + "x" + height + "): an image needs at least one pixel");
    }
    if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new InvalidImageException(
          "PNG dimensions " + width + "x" + height + " are out of range (at most 2^31-1)");
    }
    if (!validDepth(colourType, bitDepth)) {
      throw new InvalidImageException(
          "PNG has an invalid colour type / bit depth combination: colour type "
              + colourType
              + " with "
              + bitDepth
              + " bits");
    }
    if (compression != 0) {
      throw new InvalidImageException("PNG uses unknown compression method " + compression);
    }
    if (filter != 0) {
      throw new InvalidImageException("PNG uses unknown filter method " + filter);
    }
    if (interlace > 1) {
      throw new InvalidImageException("PNG uses unknown interlace method " + interlace);
    }
    return new PngHeader((int) width, (int) height, bitDepth, colourType, interlace == 1);
  }

  private static boolean validDepth(int colourType, int bitDepth) {
    return switch (colourType) {
      case GREY ->
          bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
      case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case RGB, GREY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
      default -> false;
    };
  }

  static long readUnsigned(byte[] b, int off) {
    return ((b[off] & 0xFFL) << 24)
        | ((b[off + 1] & 0xFFL) << 16)
        | ((b[off + 2] & 0xFFL) << 8)
        | (b[off + 3] & 0xFFL);
  }

  /** Samples per pixel. */
  public int channels() {
    return switch (colourType) {
      case GREY, PALETTE -> 1;
      case GREY_ALPHA -> 2;
      case RGB -> 3;
      default -> 4;
    };
  }

  /** Bytes per complete pixel, at least 1: the distance the Sub/Average/Paeth filters look back. */
  int filterDistance() {
    return Math.max(1, channels() * bitDepth / 8);
  }

  /** Bytes of one scanline (without its filter byte) of a row {@code pixels} wide. */
  long rowBytes(long pixels) {
    return (pixels * channels() * bitDepth + 7) / 8;
  }

  public long pixelCount() {
    return (long) width * height;
  }

  /** Bytes of decompressed image data: all scanlines of all passes with their filter bytes. */
  long rawDataLength() {
    if (!interlaced) {
      return height * (1 + rowBytes(width));
    }
    long total = 0;
    for (int pass = 0; pass < 7; pass++) {
      long w = Adam7.passWidth(pass, width);
      long h = Adam7.passHeight(pass, height);
      if (w > 0 && h > 0) {
        total += h * (1 + rowBytes(w));
      }
    }
    return total;
  }

  @Override
  public String toString() {
    return width + "x" + height + " colour type " + colourType + ", " + bitDepth + "-bit";
  }
}
