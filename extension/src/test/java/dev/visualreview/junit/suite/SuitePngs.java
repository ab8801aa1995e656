package dev.visualreview.junit.suite;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small valid PNGs for the fixture suite: a filled rectangle whose colour comes from a seed. */
public final class SuitePngs {
  private SuitePngs() {}

  public static byte[] png(int seed) {
    BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_ARGB);
    Color color = new Color((seed * 37) & 0xff, (seed * 91) & 0xff, (seed * 13 + 7) & 0xff);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, color.getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
