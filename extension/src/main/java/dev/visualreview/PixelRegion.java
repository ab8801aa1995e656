package dev.visualreview;

/**
 * A rectangle of image pixels: {@code x, y} is the top-left pixel, sizes are positive. {@link
 * UnstableCaptureException#changedRegion()} names the part of a page that kept changing with it.
 */
public record PixelRegion(int x, int y, int width, int height) {

  @Override
  public String toString() {
    return "x=" + x + " y=" + y + " width=" + width + " height=" + height;
  }
}
