package dev.visualreview.image.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

class Adler32SumTest {

  private static long reference(byte[] b, int off, int len) {
    Adler32 adler = new Adler32();
    adler.update(b, off, len);
    return adler.getValue();
  }

  @Test
  void equalsZlibsAdler32ForEveryLengthAndOffset() {
    byte[] data = new byte[3000];
    new Random(1).nextBytes(data);
    for (int len = 0; len <= 2000; len++) {
      int off = len % 11;
      assertThat(Adler32Sum.update(Adler32Sum.INITIAL, data, off, len))
          .as("length %d", len)
          .isEqualTo(reference(data, off, len));
    }
  }

  @Test
  void equalsZlibsAdler32OnLargeInputsAcrossBlocksAndInPieces() {
    Random random = new Random(2);
    byte[] data = new byte[3_000_000];
    random.nextBytes(data);
    for (int i = 0; i < data.length; i += 7) {
      data[i] = (byte) 0xff;
    }
    assertThat(Adler32Sum.update(Adler32Sum.INITIAL, data, 0, data.length))
        .isEqualTo(reference(data, 0, data.length));
    long pieces = Adler32Sum.INITIAL;
    for (int off = 0; off < data.length; ) {
      int n = Math.min(data.length - off, 1 + random.nextInt(40_000));
      pieces = Adler32Sum.update(pieces, data, off, n);
      off += n;
    }
    assertThat(pieces).isEqualTo(reference(data, 0, data.length));
  }

  /** All bytes 255: the largest lane sums; an overflowing lane would show here. */
  @Test
  void largestByteValuesDoNotOverflowTheLanes() {
    byte[] ones = new byte[1_000_003];
    Arrays.fill(ones, (byte) 0xff);
    for (int len : new int[] {8 * 22, 8 * 23, 8 * 2046, 8 * 2047, 16_384, 65_536, 1_000_000}) {
      assertThat(Adler32Sum.update(Adler32Sum.INITIAL, ones, 0, len))
          .as("length %d", len)
          .isEqualTo(reference(ones, 0, len));
    }
  }

  @Test
  void staysCorrectAfterJitCompilation() {
    byte[] row = new byte[3841];
    new Random(3).nextBytes(row);
    long expected = reference(row, 0, row.length);
    for (int i = 0; i < 20_000; i++) {
      assertThat(Adler32Sum.update(Adler32Sum.INITIAL, row, 0, row.length)).isEqualTo(expected);
    }
  }
}
