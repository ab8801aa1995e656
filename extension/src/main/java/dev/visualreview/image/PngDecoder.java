package dev.visualreview.image;

import dev.visualreview.image.png.DecodeOptions;
import dev.visualreview.image.png.PngReader;

/**
 * Decodes PNG files to straight RGBA8 exactly as PostHog Visual Review hashes them.
 *
 * <p>Every colour type and bit depth is supported (grey 1/2/4/8/16, RGB 8/16, palette 1/2/4/8 with
 * or without tRNS, grey+alpha 8/16, RGBA 8/16) as well as Adam7 interlacing. 16-bit samples keep
 * their high byte; sub-byte grey is scaled to 0..255; a tRNS colour key on grey or RGB images makes
 * matching pixels transparent. No colour management (gAMA, cHRM, sRGB and iCCP are ignored, as on
 * the PostHog server) and no premultiplication.
 *
 * <p>Refused with {@link InvalidImageException}, before any large allocation: a bad signature, a
 * bad CRC in any chunk, truncated data, a missing IHDR, IDAT, PLTE (for palette images) or IEND,
 * zero or out-of-range dimensions, more than 50,000,000 pixels, files over 64 MiB, unknown critical
 * chunks, unknown filter types, palette indexes outside the palette, and image data whose zlib
 * Adler-32 checksum does not match (or is missing).
 */
public final class PngDecoder {
  private PngDecoder() {}

  /**
   * Decodes a PNG file.
   *
   * @throws InvalidImageException when the bytes are not a usable PNG; the message names the
   *     problem
   */
  public static RgbaImage decode(byte[] png) {
    return PngReader.decode(png, DecodeOptions.fromSystemProperties());
  }

  /** {@link #decode(byte[])} with the given decoding options instead of the JVM's switches. */
  public static RgbaImage decode(byte[] png, DecodeOptions options) {
    return PngReader.decode(png, options);
  }
}
