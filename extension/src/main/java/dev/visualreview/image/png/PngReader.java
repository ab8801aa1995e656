package dev.visualreview.image.png;

import dev.visualreview.image.RgbaImage;

/** Decodes a validated PNG to straight RGBA8. */
public final class PngReader {
  private PngReader() {}

  /** Decodes {@code png}; see {@link dev.visualreview.image.PngDecoder#decode(byte[])}. */
  public static RgbaImage decode(byte[] png) {
    PngFile file = PngFile.parse(png);
    PngHeader h = file.header;
    byte[] out = new byte[Math.toIntExact(h.pixelCount() * 4)];
    try (ImageDataStream data = new ImageDataStream(file)) {
      if (!h.interlaced() && h.colourType() == PngHeader.RGBA && h.bitDepth() == 8) {
        decodeRgba8InPlace(data, h, out);
      } else {
        decodePasses(file, data, out);
      }
    }
    return new RgbaImage(h.width(), h.height(), out);
  }

  /**
   * The common screenshot format: each row is inflated straight into its place and unfiltered
   * there.
   */
  private static void decodeRgba8InPlace(ImageDataStream data, PngHeader h, byte[] out) {
    int stride = h.width() * 4;
    byte[] zeros = new byte[stride];
    byte[] filter = new byte[1];
    for (int y = 0, off = 0; y < h.height(); y++, off += stride) {
      int filterType = data.readByte(filter);
      data.readFully(out, off, stride);
      if (y == 0) {
        Unfilter.unfilter(filterType, out, off, zeros, 0, stride, 4, y);
      } else {
        Unfilter.unfilter(filterType, out, off, out, off - stride, stride, 4, y);
      }
    }
  }

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
