package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PngDecoderMalformedInputTest {

  private static byte[] validPng() {
    return PngDecoderTest.randomImage(20, 10, 6, 8, new Random(1)).build();
  }

  @Test
  void refusesNullAndEmptyInput() {
    assertThatThrownBy(() -> PngDecoder.decode(null))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> PngDecoder.decode(new byte[0]))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void refusesABadSignature() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    assertThatThrownBy(() -> PngDecoder.decode(jpeg))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("bad signature");
  }

  @Test
  void refusesABadCrcInACriticalChunk() {
    byte[] png = validPng();
    png[29] ^=
        1; // last byte of the IHDR data (interlace method byte stays valid after the CRC check)
    assertThatThrownBy(() -> PngDecoder.decode(png))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("bad CRC")
        .hasMessageContaining("IHDR");
    byte[] damagedData = validPng();
    damagedData[45] ^= 0x40; // inside the IDAT data
    assertThatThrownBy(() -> PngDecoder.decode(damagedData))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("bad CRC")
        .hasMessageContaining("IDAT");
  }

  @Test
  void refusesABadCrcInAnAncillaryChunkToo() {
    byte[] png =
        PngDecoderTest.randomImage(4, 4, 6, 8, new Random(1))
            .chunk("tEXt", "Title\0hello".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
            .build();
    png[33 + 8 + 2] ^= 1;
    assertThatThrownBy(() -> PngDecoder.decode(png))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("bad CRC")
        .hasMessageContaining("tEXt");
  }

  @Test
  void refusesTruncatedFilesAtEveryLength() {
    byte[] png = validPng();
    for (int length = 1; length < png.length; length++) {
      byte[] truncated = Arrays.copyOf(png, length);
      assertThatThrownBy(() -> PngDecoder.decode(truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(InvalidImageException.class);
    }
  }

  @Test
  void refusesImageDataThatEndsBeforeTheLastRow() {
    PngBuilder builder = PngDecoderTest.randomImage(20, 10, 6, 8, new Random(1));
    byte[] raw = builder.scanlines();
    byte[] half = deflate(Arrays.copyOf(raw, raw.length / 2));
    assertThatThrownBy(() -> PngDecoder.decode(builder.assemble(half)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("last row");
  }

  @Test
  void refusesCorruptCompressedData() {
    PngBuilder builder = PngDecoderTest.randomImage(20, 10, 6, 8, new Random(1));
    byte[] zlib = builder.compressedImageData();
    zlib[0] = 0x12; // not a zlib header
    assertThatThrownBy(() -> PngDecoder.decode(builder.assemble(zlib)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void refusesAnUnknownFilterType() {
    PngBuilder builder = PngDecoderTest.randomImage(20, 10, 6, 8, new Random(1));
    byte[] raw = builder.scanlines();
    raw[0] = 9;
    assertThatThrownBy(() -> PngDecoder.decode(builder.assemble(deflate(raw))))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("filter type 9");
  }

  @Test
  void refusesMissingChunks() {
    byte[] signatureOnly = PngBuilder.signature();
    assertThatThrownBy(() -> PngDecoder.decode(signatureOnly))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("IHDR");

    PngBuilder builder = PngDecoderTest.randomImage(2, 2, 6, 8, new Random(1));
    byte[] noIdat =
        concat(
            PngBuilder.signature(),
            PngBuilder.chunkBytes("IHDR", builder.ihdr()),
            PngBuilder.chunkBytes("IEND", new byte[0]));
    assertThatThrownBy(() -> PngDecoder.decode(noIdat))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("no IDAT");

    byte[] noIend =
        concat(
            PngBuilder.signature(),
            PngBuilder.chunkBytes("IHDR", builder.ihdr()),
            PngBuilder.chunkBytes("IDAT", builder.compressedImageData()));
    assertThatThrownBy(() -> PngDecoder.decode(noIend))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("IEND");

    byte[] paletteWithoutPlte = new PngBuilder(2, 1, 3, 8).samples(new int[] {0, 0}).build();
    assertThatThrownBy(() -> PngDecoder.decode(paletteWithoutPlte))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("PLTE");
  }

  @Test
  void refusesZeroAndAbsurdDimensions() {
    assertThatThrownBy(() -> PngDecoder.decode(header(0, 10)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("zero size");
    assertThatThrownBy(() -> PngDecoder.decode(header(0x80000000, 1)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void refusesMoreThanFiftyMillionPixelsBeforeAllocatingThem() {
    // 10000 x 5001 = 50,010,000 pixels; the file itself is tiny.
    assertThatThrownBy(() -> PngDecoder.decode(header(10_000, 5_001)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("50010000 pixels")
        .hasMessageContaining("50000000");
  }

  @Test
  void refusesHugeDimensionsBackedByTooLittleData() {
    // 7000 x 7000 = 49 million pixels (under the limit) but only a few bytes of image data.
    assertThatThrownBy(() -> PngDecoder.decode(header(7_000, 7_000)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("7000x7000");
  }

  @Test
  void refusesFilesOver64MiB() {
    byte[] big = Arrays.copyOf(validPng(), 64 * 1024 * 1024 + 1);
    assertThatThrownBy(() -> PngDecoder.decode(big))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("64 MiB");
  }

  @Test
  void refusesInvalidBitDepthsAndPaletteIndexesOutsideThePalette() {
    assertThatThrownBy(
            () -> PngDecoder.decode(new PngBuilder(1, 1, 2, 4).samples(new int[3]).build()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("colour type 2 with 4 bits");
    byte[] outOfPalette =
        new PngBuilder(2, 1, 3, 8)
            .samples(new int[] {0, 5})
            .palette(new byte[] {1, 2, 3, 4, 5, 6})
            .build();
    assertThatThrownBy(() -> PngDecoder.decode(outOfPalette))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("palette index 5");
  }

  @Test
  void refusesUnknownCriticalChunksButIgnoresUnknownAncillaryOnes() {
    PngBuilder ancillary =
        PngDecoderTest.randomImage(3, 3, 6, 8, new Random(1)).chunk("zzZz", new byte[] {1, 2});
    PngDecoder.decode(ancillary.build());
    PngBuilder critical =
        PngDecoderTest.randomImage(3, 3, 6, 8, new Random(1)).chunk("ZZZZ", new byte[] {1, 2});
    assertThatThrownBy(() -> PngDecoder.decode(critical.build()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("unknown critical chunk 'ZZZZ'");
  }

  private static byte[] header(int width, int height) {
    PngBuilder builder = new PngBuilder(width, height, 6, 8);
    return concat(
        PngBuilder.signature(),
        PngBuilder.chunkBytes("IHDR", builder.ihdr()),
        PngBuilder.chunkBytes("IDAT", deflate(new byte[100])),
        PngBuilder.chunkBytes("IEND", new byte[0]));
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    byte[] buf = new byte[raw.length + 64];
    int n = deflater.deflate(buf);
    deflater.end();
    return Arrays.copyOf(buf, n);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
