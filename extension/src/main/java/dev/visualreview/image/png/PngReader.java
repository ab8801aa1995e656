package dev.visualreview.image.png;

import dev.visualreview.image.RgbaImage;

/** Decodes a validated PNG to straight RGBA8. */
public final class PngReader {
  private PngReader() {}

  /** Decodes {@code png}; see {@link dev.visualreview.image.PngDecoder#decode(byte[])}. */
  public static RgbaImage decode(byte[] png, DecodeOptions options) {
    PngFile file = PngFile.parse(png);
    byte[] out = new byte[Math.toIntExact(file.header.pixelCount() * 4)];
    return decodeInto(file, out, null, options);
  }

  /**
   * Whether this file decodes to {@linkplain #decodePixels pixels as ints} (the screenshot formats:
   * RGB8 and RGBA8, not interlaced, without a colour key), writing every one of them.
   */
  public static boolean decodesToPixels(PngFile file) {
    return PipelinedDecoder.handles(file);
  }

  /**
   * Decodes a file that {@link #decodesToPixels} into {@code pixels} ({@code width * height} of
   * them): each int holds a pixel's four RGBA8 bytes, little-endian, so that the ints in order are
   * the RGBA8 image's bytes. {@code listener} (when not null) is told, in bytes, as the pixels
   * become final; when this returns every byte has been reported final.
   */
  public static void decodePixels(
      PngFile file, int[] pixels, FinalBytesListener listener, DecodeOptions options) {
    if (!PipelinedDecoder.handles(file)) {
      throw new IllegalArgumentException(file.header + " does not decode to pixels as ints");
    }
    try (ImageDataStream data = new ImageDataStream(file)) {
      new PipelinedDecoder(file.header, pixels, listener, options)
          .decode(data, file.header.pixelCount() >= PIPELINE_MIN_PIXELS);
    }
  }

  /**
   * Decodes into {@code out} (of {@code width * height * 4} bytes), telling {@code listener} (when
   * not null) as the pixels become final, so that hashing can overlap decoding. When this returns,
   * every byte has been reported final.
   */
  public static RgbaImage decodeInto(
      PngFile file, byte[] out, FinalBytesListener listener, DecodeOptions options) {
    PngHeader h = file.header;
    try (ImageDataStream data = new ImageDataStream(file)) {
      if (PipelinedDecoder.handles(file)) {
        new PipelinedDecoder(h, out, listener, options)
            .decode(data, h.pixelCount() >= PIPELINE_MIN_PIXELS);
      } else {
        decodePasses(file, data, out);
        data.finish();
        if (listener != null) {
          listener.bytesFinal(out.length);
        }
      }
    }
    return new RgbaImage(h.width(), h.height(), out);
  }

  /** Below this many pixels a second thread costs more than it saves. */
  private static final long PIPELINE_MIN_PIXELS = 64 * 1024;

  private static void decodePasses(PngFile file, ImageDataStream data, byte[] out) {
    PngHeader h = file.header;
    RowConverter converter = new RowConverter(file);
    int bpp = h.filterDistance();
    byte[] filter = new byte[1];
    int passes = h.interlaced() ? 7 : 1;
    for (int pass = 0; pass < passes; pass++) {
      int pw = h.interlaced() ? Adam7.passWidth(pass, h.width()) : h.width();
      int ph = h.interlaced() ? Adam7.passHeight(pass, h.height()) : h.height();
      if (pw == 0 || ph == 0) {
        continue;
      }
      int sx = h.interlaced() ? Adam7.startX(pass) : 0;
      int sy = h.interlaced() ? Adam7.startY(pass) : 0;
      int dx = h.interlaced() ? Adam7.stepX(pass) : 1;
      int dy = h.interlaced() ? Adam7.stepY(pass) : 1;
      int rowLen = Math.toIntExact(h.rowBytes(pw));
      byte[] cur = new byte[rowLen];
      byte[] prev = new byte[rowLen];
      for (int y = 0; y < ph; y++) {
        int filterType = data.readByte(filter);
        data.readFully(cur, 0, rowLen);
        Unfilter.unfilter(filterType, cur, 0, prev, 0, rowLen, bpp, y);
        int outY = sy + y * dy;
        converter.convert(cur, pw, out, ((outY * h.width()) + sx) * 4, dx * 4);
        byte[] t = prev;
        prev = cur;
        cur = t;
      }
    }
  }
}
