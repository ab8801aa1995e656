package dev.visualreview.image;

import dev.visualreview.image.png.DecodeOptions;
import dev.visualreview.image.png.PngFile;
import dev.visualreview.image.png.PngReader;
import java.util.concurrent.atomic.AtomicReference;

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
    return of(png, DecodeOptions.fromSystemProperties());
  }

  /** {@link #of(byte[])} with the given decoding options instead of the JVM's switches. */
  public static ImageHash of(byte[] png, DecodeOptions options) {
    PngFile file = PngFile.parse(png);
    int width = file.header().width();
    int height = file.header().height();
    if (!PngReader.decodesToPixels(file)) {
      byte[] out = new byte[Math.toIntExact(file.header().pixelCount() * 4)];
      ProgressiveBlake3 hasher = new ProgressiveBlake3(out);
      PngReader.decodeInto(file, out, hasher, options);
      return new ImageHash(Blake3.hex(hasher.finish()), width, height);
    }
    // Screenshots decode to pixels as ints, hashed as they are (their bytes, little-endian, are
    // the RGBA8 image). The pixels only live until they are hashed and the decoder writes every
    // one, so the buffer is reused by the next call: a screenshot's few megabytes are otherwise a
    // freshly zeroed humongous allocation per call, on the critical path before inflating.
    int size = Math.toIntExact(file.header().pixelCount());
    int[] spare = SPARE_PIXELS.getAndSet(null);
    int[] pixels = spare != null && spare.length == size ? spare : new int[size];
    ProgressiveBlake3 hasher = new ProgressiveBlake3(pixels);
    PngReader.decodePixels(file, pixels, hasher, options);
    ImageHash hash = new ImageHash(Blake3.hex(hasher.finish()), width, height);
    SPARE_PIXELS.set(pixels);
    return hash;
  }

  private static final AtomicReference<int[]> SPARE_PIXELS = new AtomicReference<>();

  /** Hashes already decoded pixels. */
  public static ImageHash of(RgbaImage image) {
    String hex = Blake3.hex(Blake3.hash(image.rgba()));
    return new ImageHash(hex, image.width(), image.height());
  }
}
