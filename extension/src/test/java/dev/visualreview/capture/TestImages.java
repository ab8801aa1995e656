package dev.visualreview.capture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decoding and pixel checks for capture tests. */
public final class TestImages {
  private TestImages() {}

  public static BufferedImage decode(byte[] png) {
    try {
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts pixels in a rectangle whose RGB is exactly {@code rgb}. */
  public static long countColour(
      BufferedImage image, int x, int y, int width, int height, int rgb) {
    long count = 0;
    for (int row = y; row < y + height; row++) {
      for (int col = x; col < x + width; col++) {
        if ((image.getRGB(col, row) & 0xFFFFFF) == rgb) {
          count++;
        }
      }
    }
    return count;
  }

  /** Counts pixels of exactly {@code rgb} in the whole image. */
  public static long countColour(BufferedImage image, int rgb) {
    return countColour(image, 0, 0, image.getWidth(), image.getHeight(), rgb);
  }

  /** The PostHog content hash (BLAKE3 of the decoded RGBA8 pixels). */
  public static String contentHash(byte[] png) {
    return dev.visualreview.image.ContentHash.of(png).contentHash();
  }
}
