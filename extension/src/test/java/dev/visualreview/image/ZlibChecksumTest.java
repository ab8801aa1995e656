package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.image.png.DecodeOptions;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The zlib stream of a PNG ends with the Adler-32 checksum of the inflated image data. A PNG whose
 * image data was damaged and whose chunk CRCs were then recomputed passes every CRC check; only
 * this checksum tells. It is checked on every decoding path.
 */
class ZlibChecksumTest {

  /** A way through the decoder, with an image that takes it. */
  record Path(String name, int width, int height, int colourType, DecodeOptions options) {
    @Override
    public String toString() {
      return name;
    }

    PngBuilder image() {
      return PngDecoderTest.randomImage(width, height, colourType, 8, new Random(width + height));
    }
  }

  static Path[] paths() {
    return new Path[] {
      new Path("RGB, pure-Java inflater, two threads", 320, 240, 2, DecodeOptions.DEFAULT),
      new Path(
          "RGBA, pure-Java inflater, one thread", 320, 240, 6, new DecodeOptions(false, false)),
      new Path("RGB, small image", 40, 30, 2, DecodeOptions.DEFAULT),
      new Path("RGB, system inflater", 320, 240, 2, new DecodeOptions(true, true)),
      new Path("grey, system inflater (row by row)", 120, 90, 0, DecodeOptions.DEFAULT),
      new Path("palette", 120, 90, 3, DecodeOptions.DEFAULT),
    };
  }

  @ParameterizedTest
  @MethodSource("paths")
  void aFlippedBitInTheImageDataIsRefusedThoughEveryCrcIsRight(Path path) {
    PngBuilder builder = path.image().filters(row -> 0);
    byte[] stored = deflate(builder.scanlines(), Deflater.NO_COMPRESSION, false);
    byte[] good = builder.assemble(stored);
    // level 0: a 2-byte zlib header, a 5-byte stored block header, then the scanlines; byte 8 is
    // the first sample of the first row (byte 7 is its filter type)
    byte[] damaged = stored.clone();
    damaged[8] ^= 0x10;
    byte[] png = builder.assemble(damaged);

    assertThat(PngDecoder.decode(good, path.options()).rgba()).isNotEmpty();
    assertThatThrownBy(() -> PngDecoder.decode(png, path.options()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("Adler-32")
        .hasMessageContaining("the file is damaged");
    assertThatThrownBy(() -> ContentHash.of(png, path.options()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("Adler-32");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void aWrongChecksumIsRefused(Path path) {
    PngBuilder builder = path.image();
    byte[] zlib = deflate(builder.scanlines(), 6, false);
    zlib[zlib.length - 1] ^= 1;

    assertThatThrownBy(() -> PngDecoder.decode(builder.assemble(zlib), path.options()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("fails its zlib checksum (Adler-32");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void aStreamThatEndsBeforeItsChecksumIsTruncated(Path path) {
    PngBuilder builder = path.image();
    byte[] zlib = deflate(builder.scanlines(), 6, false);
    for (int cut = 1; cut <= 4; cut++) {
      byte[] png = builder.assemble(Arrays.copyOf(zlib, zlib.length - cut));
      assertThatThrownBy(() -> PngDecoder.decode(png, path.options()))
          .as("%d bytes of the checksum cut", cut)
          .isInstanceOf(InvalidImageException.class)
          .hasMessageContaining("truncated")
          .hasMessageContaining("before its Adler-32 checksum");
    }
  }

  @ParameterizedTest
  @MethodSource("paths")
  void dataBeyondTheImageIsCoveredByTheChecksumToo(Path path) {
    PngBuilder builder = path.image();
    byte[] raw = builder.scanlines();
    byte[] longer = Arrays.copyOf(raw, raw.length + 300);
    Arrays.fill(longer, raw.length, longer.length, (byte) 7);
    RgbaImage expected = PngDecoder.decode(builder.build(), path.options());

    byte[] zlib = deflate(longer, 6, false);
    assertThat(PngDecoder.decode(builder.assemble(zlib), path.options()).rgba())
        .isEqualTo(expected.rgba());
    zlib[zlib.length - 2] ^= 1;
    assertThatThrownBy(() -> PngDecoder.decode(builder.assemble(zlib), path.options()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("Adler-32");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void emptyBlocksBeforeTheChecksumAreAccepted(Path path) {
    PngBuilder builder = path.image();
    byte[] zlib = deflate(builder.scanlines(), 6, true);

    assertThat(PngDecoder.decode(builder.assemble(zlib), path.options()).rgba())
        .isEqualTo(PngDecoder.decode(builder.build(), path.options()).rgba());
  }

  /**
   * A zlib stream of {@code data}; with {@code flushFirst} the data is sync-flushed before the
   * stream is finished, so an empty stored block and an empty final block follow it.
   */
  private static byte[] deflate(byte[] data, int level, boolean flushFirst) {
    Deflater deflater = new Deflater(level);
    deflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    if (flushFirst) {
      int n;
      do {
        n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        out.write(buf, 0, n);
      } while (n == buf.length);
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    byte[] zlib = out.toByteArray();
    Adler32 adler = new Adler32();
    adler.update(data);
    assertThat(readInt(zlib, zlib.length - 4)).isEqualTo(adler.getValue());
    return zlib;
  }

  private static long readInt(byte[] b, int off) {
    return ((b[off] & 0xFFL) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
