package dev.visualreview.image;

import java.util.Objects;

/**
 * Decoded pixels: straight (not premultiplied) 8-bit RGBA, 4 bytes per pixel, rows top to bottom,
 * no padding. This is exactly the byte sequence PostHog hashes.
 */
public final class RgbaImage {
  private final int width;
  private final int height;
  private final byte[] rgba;

  /**
   * Wraps pixel bytes without copying them.
   *
   * @throws IllegalArgumentException when the array length is not {@code width * height * 4}
   */
  public RgbaImage(int width, int height, byte[] rgba) {
    Objects.requireNonNull(rgba, "rgba");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image dimensions must be positive, got " + width + "x" + height);
    }
    if ((long) width * height * 4 != rgba.length) {
      throw new IllegalArgumentException(
          "expected "
              + (long) width * height * 4
              + " bytes for a "
              + width
              + "x"
              + height
              + " RGBA image, got "
              + rgba.length);
    }
    this.width = width;
    this.height = height;
    this.rgba = rgba;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixel bytes (not a copy: callers must not modify an image they did not create). */
  public byte[] rgba() {
    return rgba;
  }

  public long pixelCount() {
    return (long) width * height;
  }

  @Override
  public String toString() {
    return "RgbaImage[" + width + "x" + height + "]";
  }
}
