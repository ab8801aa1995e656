package dev.visualreview.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Test oracle: decodes a PNG with Java ImageIO and reads raster samples as section 5.4 of the
 * protocol describes (never getRGB, which colour-converts grey images).
 */
final class ImageIoReference {
  private ImageIoReference() {}

  static byte[] rgba(byte[] png) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    ColorModel model = image.getColorModel();
    byte[] out = new byte[w * h * 4];
    int bands = raster.getNumBands();
    int[] pixel = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 4;
        raster.getPixel(x, y, pixel);
        if (model instanceof IndexColorModel icm) {
          int index = pixel[0];
          out[o] = (byte) icm.getRed(index);
          out[o + 1] = (byte) icm.getGreen(index);
          out[o + 2] = (byte) icm.getBlue(index);
          out[o + 3] = (byte) icm.getAlpha(index);
          continue;
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        int[] v = new int[bands];
        for (int b = 0; b < bands; b++) {
          if (raster.getTransferType() == DataBuffer.TYPE_USHORT) {
            v[b] = pixel[b] >> 8;
          } else if (bits < 8) {
            v[b] = pixel[b] * 255 / ((1 << bits) - 1);
          } else {
            v[b] = pixel[b];
          }
        }
        switch (bands) {
          case 1 -> set(out, o, v[0], v[0], v[0], 255);
          case 2 -> set(out, o, v[0], v[0], v[0], v[1]);
          case 3 -> set(out, o, v[0], v[1], v[2], 255);
          default -> set(out, o, v[0], v[1], v[2], v[3]);
        }
      }
    }
    return out;
  }

  private static void set(byte[] out, int o, int r, int g, int b, int a) {
    out[o] = (byte) r;
    out[o + 1] = (byte) g;
    out[o + 2] = (byte) b;
    out[o + 3] = (byte) a;
  }
}
