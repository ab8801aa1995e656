package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PngDecoderTest {

  static Stream<Arguments> everyFormat() {
    Stream.Builder<Arguments> cases = Stream.builder();
    int[][] formats = {
      {0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4}, {3, 8},
      {4, 8}, {4, 16}, {6, 8}, {6, 16}
    };
    for (int[] f : formats) {
      for (boolean interlaced : new boolean[] {false, true}) {
        for (boolean withTrns : new boolean[] {false, true}) {
          if (withTrns && f[0] != 3) {
            continue;
          }
          cases.add(Arguments.of(f[0], f[1], interlaced, withTrns));
        }
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "colour type {0}, {1}-bit, interlaced={2}, tRNS={3}")
  @MethodSource("everyFormat")
  void decodesEveryFormatLikeImageIoRasterSamples(
      int colourType, int bitDepth, boolean interlaced, boolean withTrns) {
    // 13x11 is not a multiple of 8: partial Adam7 blocks and sub-byte row padding.
    for (int[] size : new int[][] {{13, 11}, {1, 1}, {3, 9}, {40, 2}}) {
      int w = size[0];
      int h = size[1];
      PngBuilder builder = randomImage(w, h, colourType, bitDepth, new Random(w * 31L + h));
      if (colourType == 3 && withTrns) {
        byte[] trns = new byte[Math.min(1 << bitDepth, 256) / 2 + 1];
        new Random(7).nextBytes(trns);
        builder.trns(java.util.Arrays.copyOf(trns, Math.min(trns.length, 1 << bitDepth)));
      }
      if (interlaced) {
        builder.interlaced();
      }
      byte[] png = builder.build();

      RgbaImage decoded = PngDecoder.decode(png);

      assertThat(decoded.width()).isEqualTo(w);
      assertThat(decoded.height()).isEqualTo(h);
      assertThat(HexFormat.of().formatHex(decoded.rgba()))
          .as("%dx%d", w, h)
          .isEqualTo(HexFormat.of().formatHex(ImageIoReference.rgba(png)));
    }
  }

  @Test
  void everyFilterTypeOnEveryRowDecodesTheSamePixels() {
    PngBuilder base = randomImage(37, 25, 6, 8, new Random(3));
    byte[] expected = PngDecoder.decode(base.filters(row -> 0).build()).rgba();
    for (int filter = 1; filter <= 4; filter++) {
      int f = filter;
      assertThat(PngDecoder.decode(base.filters(row -> f).build()).rgba())
          .as("filter %d", f)
          .isEqualTo(expected);
    }
    assertThat(
            PngDecoder.decode(base.filters(row -> (row * 7) % 5).idatChunkSize(17).build()).rgba())
        .isEqualTo(expected);
  }

  @Test
  void sixteenBitSamplesKeepTheHighByteNotARoundedValue() {
    int[] samples = {0x12FF, 0x00FF, 0xFF00, 0xFFFF};
    byte[] png = new PngBuilder(1, 1, 6, 16).samples(samples).build();
    assertThat(HexFormat.of().formatHex(PngDecoder.decode(png).rgba())).isEqualTo("1200ffff");
  }

  @Test
  void colourKeyFromTrnsMakesMatchingRgbPixelsTransparent() {
    int[] samples = {10, 20, 30, 10, 20, 31};
    byte[] png =
        new PngBuilder(2, 1, 2, 8).samples(samples).trns(new byte[] {0, 10, 0, 20, 0, 30}).build();
    assertThat(HexFormat.of().formatHex(PngDecoder.decode(png).rgba()))
        .isEqualTo("0a141e000a141fff");
  }

  @Test
  void colourKeyFromTrnsMakesMatchingGreyPixelsTransparent() {
    byte[] grey2 =
        new PngBuilder(4, 1, 0, 2).samples(new int[] {0, 1, 2, 3}).trns(new byte[] {0, 2}).build();
    assertThat(HexFormat.of().formatHex(PngDecoder.decode(grey2).rgba()))
        .isEqualTo("000000ff555555ffaaaaaa00ffffffff");

    byte[] grey16 =
        new PngBuilder(2, 1, 0, 16)
            .samples(new int[] {0x1234, 0x1235})
            .trns(new byte[] {0x12, 0x34})
            .build();
    assertThat(HexFormat.of().formatHex(PngDecoder.decode(grey16).rgba()))
        .isEqualTo("12121200121212ff");
  }

  @Test
  void valuesUnderZeroAlphaAreKeptAsStored() {
    byte[] png = new PngBuilder(1, 1, 6, 8).samples(new int[] {200, 100, 50, 0}).build();
    assertThat(HexFormat.of().formatHex(PngDecoder.decode(png).rgba())).isEqualTo("c8643200");
  }

  static PngBuilder randomImage(int w, int h, int colourType, int bitDepth, Random random) {
    int channels = PngBuilder.channels(colourType);
    int[] samples = new int[w * h * channels];
    int max = (1 << bitDepth) - 1;
    PngBuilder builder = new PngBuilder(w, h, colourType, bitDepth);
    if (colourType == 3) {
      int entries = Math.min(1 << bitDepth, 256);
      byte[] palette = new byte[entries * 3];
      random.nextBytes(palette);
      builder.palette(palette);
      max = entries - 1;
    }
    for (int i = 0; i < samples.length; i++) {
      samples[i] = random.nextInt(max + 1);
    }
    return builder.samples(samples);
  }
}
