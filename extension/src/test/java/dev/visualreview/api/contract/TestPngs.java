package dev.visualreview.api.contract;

import dev.visualreview.image.ContentHash;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small real PNGs for tests, and their content hashes. */
public final class TestPngs {
  private TestPngs() {}

  /** A {@code width}×{@code height} PNG filled with one ARGB colour. */
  public static byte[] solid(int width, int height, int argb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, argb);
      }
    }
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A distinct small PNG per seed. */
  public static byte[] numbered(int seed) {
    return solid(8, 6, 0xff000000 | ((seed * 0x9E3779B1) & 0xffffff));
  }

  /** The PostHog content hash of a PNG. */
  public static String hash(byte[] png) {
    return ContentHash.of(png).contentHash();
  }
}
