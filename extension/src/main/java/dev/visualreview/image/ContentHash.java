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
    return of(PngDecoder.decode(png));
  }

  /** Hashes already decoded pixels. */
  public static ImageHash of(RgbaImage image) {
    String hex = Blake3.hex(Blake3.hash(image.rgba()));
    return new ImageHash(hex, image.width(), image.height());
  }
}
