package dev.visualreview.image;

/** The PostHog Visual Review content hash: BLAKE3 of the decoded RGBA8 pixels, lowercase hex. */
public final class ContentHash {
  private ContentHash() {}

  /**
   * Decodes a PNG and hashes its pixels.
   *
   * @throws InvalidImageException when the bytes are not a usable PNG
   */
  public static ImageHash of(byte[] png) {
    throw new UnsupportedOperationException("content hashing lands with the pixel-core issue");
  }
}
