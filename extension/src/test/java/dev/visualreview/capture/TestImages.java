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

  /** A hash of the decoded pixels (not of the PNG bytes). */
  public static String pixelHash(byte[] png) {
    BufferedImage image = decode(png);
    int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(argb.length * 4 + 8);
    buffer.putInt(image.getWidth()).putInt(image.getHeight());
    buffer.asIntBuffer().put(argb);
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(buffer.array()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
