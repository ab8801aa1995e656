package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Screenshot-sized RGB8 and RGBA8 images take the two-thread decode path; it must agree. */
class LargeImageDecodeTest {

  /** Page-like content: flat areas, gradients and noise, so every filter type occurs. */
  private static PngBuilder screenshotLike(int colourType, long seed) {
    int w = 641;
    int h = 397;
    int channels = PngBuilder.channels(colourType);
    Random random = new Random(seed);
    int[] samples = new int[w * h * channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          int v;
          if (y < 60) {
            v = 30 + c * 40;
          } else if (x < 200) {
            v = (x + y * c) & 0xFF;
          } else {
            v = random.nextInt(256);
          }
          samples[(y * w + x) * channels + c] = v;
        }
      }
    }
    return new PngBuilder(w, h, colourType, 8).samples(samples).filters(row -> (row / 3) % 5);
  }

  @ParameterizedTest(name = "colour type {0}")
  @ValueSource(ints = {2, 6})
  void decodesLikeImageIoAndHashesLikeBlake3OfThePixels(int colourType) {
    for (int attempt = 0; attempt < 3; attempt++) {
      byte[] png = screenshotLike(colourType, attempt).build();

      RgbaImage image = PngDecoder.decode(png);
      ImageHash hash = ContentHash.of(png);

      assertThat(image.rgba()).isEqualTo(ImageIoReference.rgba(png));
      assertThat(hash.contentHash()).isEqualTo(Blake3.hex(Blake3.hash(image.rgba())));
      assertThat(hash.width()).isEqualTo(641);
      assertThat(hash.height()).isEqualTo(397);
    }
  }

  @ParameterizedTest(name = "colour type {0}")
  @ValueSource(ints = {2, 6})
  void staysCorrectAfterJit(int colourType) {
    // Guards against JIT miscompilation of the int-wide pixel conversion (see Blake3Test).
    byte[] png = screenshotLike(colourType, 5).build();
    String expected = Blake3.hex(Blake3.hash(ImageIoReference.rgba(png)));
    for (int i = 0; i < 400; i++) {
      assertThat(ContentHash.of(png).contentHash()).as("iteration %d", i).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "colour type {0}")
  @ValueSource(ints = {2, 6})
  void corruptRowsAndTruncatedDataAreRefusedOnTheTwoThreadPath(int colourType) {
    PngBuilder builder = screenshotLike(colourType, 99);
    byte[] raw = builder.scanlines();
    int rowLen = 1 + 641 * PngBuilder.channels(colourType);
    byte[] badFilter = raw.clone();
    badFilter[300 * rowLen] = 7;
    byte[] badPng = builder.assemble(deflate(badFilter));
    byte[] shortPng = builder.assemble(deflate(Arrays.copyOf(raw, raw.length - rowLen * 10)));

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> ContentHash.of(badPng))
          .isInstanceOf(InvalidImageException.class)
          .hasMessageContaining("scanline 300 has unknown filter type 7");
      assertThatThrownBy(() -> PngDecoder.decode(shortPng))
          .isInstanceOf(InvalidImageException.class)
          .hasMessageContaining("truncated");
    }
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(1);
    deflater.setInput(raw);
    deflater.finish();
    byte[] buf = new byte[raw.length + 1024];
    int n = deflater.deflate(buf);
    deflater.end();
    return Arrays.copyOf(buf, n);
  }
}
