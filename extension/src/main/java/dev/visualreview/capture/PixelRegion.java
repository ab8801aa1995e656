package dev.visualreview.capture;

/** A rectangle of image pixels: {@code x, y} is the top-left pixel, sizes are positive. */
public record PixelRegion(int x, int y, int width, int height) {

  /** The smallest region containing both. */
  public PixelRegion union(PixelRegion other) {
    if (other == null) {
      return this;
    }
    int left = Math.min(x, other.x);
    int top = Math.min(y, other.y);
    int right = Math.max(x + width, other.x + other.width);
    int bottom = Math.max(y + height, other.y + other.height);
    return new PixelRegion(left, top, right - left, bottom - top);
  }

  @Override
  public String toString() {
    return "x=" + x + " y=" + y + " width=" + width + " height=" + height;
  }
}
