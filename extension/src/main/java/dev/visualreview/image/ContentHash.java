package dev.visualreview.image;

import dev.visualreview.image.png.PngFile;
import dev.visualreview.image.png.PngReader;

/** The PostHog Visual Review content hash: BLAKE3 of the decoded RGBA8 pixels, lowercase hex. */
public final class ContentHash {
  private ContentHash() {}

  /**
   * Decodes a PNG and hashes its pixels. Hashing overlaps decoding: the rows are hashed as soon as
   * they are final, on whichever of the decoding threads is free.
   *
   * @throws InvalidImageException when the bytes are not a usable PNG
   */
  public static ImageHash of(byte[] png) {
    PngFile file = PngFile.parse(png);
    byte[] out = new byte[Math.toIntExact(file.header().pixelCount() * 4)];
    ProgressiveBlake3 hasher = new ProgressiveBlake3(out);
    RgbaImage image = PngReader.decodeInto(file, out, hasher);
    return new ImageHash(Blake3.hex(hasher.finish()), image.width(), image.height());
  }

  /** Hashes already decoded pixels. */
  public static ImageHash of(RgbaImage image) {
    String hex = Blake3.hex(Blake3.hash(image.rgba()));
    return new ImageHash(hex, image.width(), image.height());
  }
}
