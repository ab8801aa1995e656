package dev.visualreview.image.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.visualreview.image.InvalidImageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The pure-Java inflater must give exactly what zlib gives, and refuse damage cleanly. */
class ZlibInflaterTest {

  /** Inputs that exercise literals, short overlapping matches, runs and far matches. */
  private static List<byte[]> payloads() {
    Random random = new Random(42);
    List<byte[]> all = new ArrayList<>();
    all.add(new byte[0]);
    all.add(new byte[] {7});
    byte[] noise = new byte[70_000];
    random.nextBytes(noise);
    all.add(noise);
    byte[] text =
        "The quick brown fox jumps over the lazy dog. 0123456789 "
            .repeat(2_000)
            .getBytes(StandardCharsets.US_ASCII);
    all.add(text);
    byte[] runs = new byte[200_000];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = (byte) ((i / 1_000) % 3 == 0 ? 0 : (i / 1_000));
    }
    all.add(runs);
    for (int period = 2; period <= 9; period++) {
      byte[] pattern = new byte[50_000];
      for (int i = 0; i < pattern.length; i++) {
        pattern[i] = (byte) (i % period * 31 + (i / 5_000));
      }
      all.add(pattern);
    }
    byte[] far = new byte[140_000];
    byte[] block = new byte[32_768];
    random.nextBytes(block);
    for (int i = 0; i < far.length; i++) {
      far[i] = block[i % block.length];
    }
    all.add(far);
    all.add(screenshotRows(1280, 60, random));
    return all;
  }

  /** Scanlines like a filtered screenshot: mostly zeros, some edges and a little noise. */
  private static byte[] screenshotRows(int width, int height, Random random) {
    int stride = 1 + width * 3;
    byte[] raw = new byte[stride * height];
    for (int y = 0; y < height; y++) {
      raw[y * stride] = (byte) (y % 5);
      for (int x = 0; x < width * 3; x++) {
        int v = (x / 300 + y / 7) % 4 == 0 ? random.nextInt(4) : 0;
        if (x % 97 == 0) {
          v = 200;
        }
        raw[y * stride + 1 + x] = (byte) v;
      }
    }
    return raw;
  }

  private static byte[] deflate(byte[] data, int level, int strategy, int flushEvery) {
    Deflater deflater = new Deflater(level);
    deflater.setStrategy(strategy);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int step = flushEvery > 0 ? flushEvery : Math.max(1, data.length);
    for (int pos = 0; pos < data.length; pos += step) {
      deflater.setInput(data, pos, Math.min(step, data.length - pos));
      while (true) {
        int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        out.write(buf, 0, n);
        if (n < buf.length && deflater.needsInput()) {
          break;
        }
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      int n = deflater.deflate(buf);
      out.write(buf, 0, n);
    }
    deflater.end();
    return out.toByteArray();
  }

  /** Inflates and, as the decoder does, compares the stored checksum with the output's. */
  private static byte[] inflate(byte[] zlib, int outLen) {
    byte[] padded = Arrays.copyOf(zlib, zlib.length + ZlibInflater.INPUT_PADDING);
    byte[] out = new byte[outLen];
    ZlibInflater inflater = new ZlibInflater(padded, zlib.length);
    inflater.inflate(out, 0, outLen, end -> {});
    long computed = Adler32Sum.update(Adler32Sum.INITIAL, out, 0, outLen);
    if (inflater.storedAdler() != computed) {
      throw Adler32Sum.mismatch(inflater.storedAdler(), computed);
    }
    return out;
  }

  private static long adler(byte[] data) {
    Adler32 adler = new Adler32();
    adler.update(data);
    return adler.getValue();
  }

  @Test
  void inflatesWhatZlibDeflatesAtEveryLevelAndStrategy() {
    int[] strategies = {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY};
    int cases = 0;
    for (byte[] data : payloads()) {
      for (int level = 0; level <= 9; level++) {
        for (int strategy : strategies) {
          for (int flushEvery : new int[] {0, 10_007}) {
            byte[] zlib = deflate(data, level, strategy, flushEvery);
            assertThat(inflate(zlib, data.length))
                .as(
                    "level %d strategy %d flush %d, %d bytes",
                    level, strategy, flushEvery, data.length)
                .isEqualTo(data);
            cases++;
          }
        }
      }
    }
    assertThat(cases).isGreaterThan(800);
  }

  @Test
  void stopsWhenTheOutputIsFullAndReportsProgressInOrder() {
    byte[] data = screenshotRows(1280, 40, new Random(1));
    byte[] zlib = deflate(data, 6, Deflater.DEFAULT_STRATEGY, 0);
    byte[] padded = Arrays.copyOf(zlib, zlib.length + ZlibInflater.INPUT_PADDING);
    byte[] out = new byte[data.length];
    List<Integer> reports = new ArrayList<>();
    int half = data.length / 2 + 3;
    ZlibInflater inflater = new ZlibInflater(padded, zlib.length);
    inflater.inflate(out, 0, half, reports::add);

    assertThat(inflater.storedAdler()).as("more data follows: no checksum read").isEqualTo(-1);
    assertThat(Arrays.copyOf(out, half)).isEqualTo(Arrays.copyOf(data, half));
    assertThat(out[half]).isZero();
    assertThat(reports).isSorted().isNotEmpty();
    assertThat(reports.get(reports.size() - 1)).isEqualTo(half);
  }

  @Test
  void writesOnlyInsideTheGivenRange() {
    byte[] data = "abcabcabcabcabc-abcabcabc".repeat(50).getBytes(StandardCharsets.US_ASCII);
    byte[] zlib = deflate(data, 9, Deflater.DEFAULT_STRATEGY, 0);
    byte[] padded = Arrays.copyOf(zlib, zlib.length + ZlibInflater.INPUT_PADDING);
    byte[] out = new byte[data.length + 20];
    Arrays.fill(out, (byte) 0x55);
    ZlibInflater inflater = new ZlibInflater(padded, zlib.length);
    inflater.inflate(out, 10, data.length, end -> {});

    assertThat(inflater.storedAdler()).isEqualTo(adler(data));
    assertThat(Arrays.copyOfRange(out, 10, 10 + data.length)).isEqualTo(data);
    assertThat(Arrays.copyOf(out, 10)).containsOnly(0x55);
    assertThat(Arrays.copyOfRange(out, 10 + data.length, out.length)).containsOnly(0x55);
  }

  @Test
  void aStreamShorterThanTheImageIsTruncated() {
    byte[] data = screenshotRows(200, 10, new Random(2));
    byte[] zlib = deflate(data, 6, Deflater.DEFAULT_STRATEGY, 0);
    assertThatThrownBy(() -> inflate(zlib, data.length + 1))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("truncated");
  }

  /** A cut anywhere, also inside the checksum after the last byte of the image, is refused. */
  @Test
  void everyCutOfTheStreamIsRefusedAsTruncatedOrCorrupt() {
    byte[] data = screenshotRows(300, 12, new Random(3));
    for (int level : new int[] {0, 1, 6}) {
      byte[] zlib = deflate(data, level, Deflater.DEFAULT_STRATEGY, 1_000);
      for (int cut = 0; cut < zlib.length; cut++) {
        byte[] shortStream = Arrays.copyOf(zlib, cut);
        assertThat(catchThrowable(() -> inflate(shortStream, data.length)))
            .as("level %d cut at %d of %d", level, cut, zlib.length)
            .isInstanceOf(InvalidImageException.class)
            .hasMessageMatching(".*(truncated|corrupt).*");
      }
    }
  }

  @Test
  void damagedStreamsFailCleanlyOrInflateToSomething() {
    byte[] data = screenshotRows(400, 16, new Random(4));
    byte[] zlib = deflate(data, 6, Deflater.DEFAULT_STRATEGY, 0);
    Random random = new Random(5);
    int refused = 0;
    for (int i = 0; i < 3_000; i++) {
      byte[] damaged = zlib.clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        int bit = random.nextInt(damaged.length * 8);
        damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
      }
      Throwable thrown = catchThrowable(() -> inflate(damaged, data.length));
      if (thrown != null) {
        assertThat(thrown).isInstanceOf(InvalidImageException.class);
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(1_000);
  }

  @Test
  void headerProblemsAreNamed() {
    assertThatThrownBy(() -> inflate(new byte[] {0x78}, 10))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> inflate(new byte[] {0x79, (byte) 0x9c, 1, 2, 3}, 10))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("zlib header");
    byte[] withDictionary = {0x78, (byte) 0xBB, 0, 0, 0, 1, 3, 0};
    assertThatThrownBy(() -> inflate(withDictionary, 10))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("preset zlib dictionary");
  }

  @Test
  void reservedBlockTypeAndDistanceBeforeTheStartAreRefused() {
    // Header, then BFINAL=1 BTYPE=11 (reserved).
    assertThatThrownBy(() -> inflate(new byte[] {0x78, (byte) 0x9c, 0x07, 0, 0}, 4))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("reserved type 3");
    // Fixed Huffman: literal 'a' then a match of length 3 at distance 2 (only one byte exists).
    byte[] farBack = fixedBlock(new int[][] {{'a'}, {257, 2}}, 0);
    assertThatThrownBy(() -> inflate(farBack, 4))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("refers back before its start");
    byte[] ababa = "ababa".getBytes(StandardCharsets.US_ASCII);
    byte[] ok = fixedBlock(new int[][] {{'a'}, {'b'}, {257, 2}}, adler(ababa));
    assertThat(inflate(ok, 5)).isEqualTo(ababa);
  }

  @Test
  void staysCorrectAfterJitCompilation() {
    byte[] data = screenshotRows(1280, 30, new Random(6));
    byte[] zlib = deflate(data, 6, Deflater.DEFAULT_STRATEGY, 0);
    for (int i = 0; i < 3_000; i++) {
      assertThat(Arrays.equals(inflate(zlib, data.length), data)).as("iteration %d", i).isTrue();
    }
  }

  /**
   * A zlib stream of one final fixed-Huffman block: each token is {literal} or {length symbol,
   * distance}, with lengths 257 (3 bytes) and distances 1-4 (distance codes 0-3, no extra bits),
   * followed by the given checksum.
   */
  private static byte[] fixedBlock(int[][] tokens, long adler) {
    BitWriter w = new BitWriter();
    w.bits(1, 1);
    w.bits(1, 2);
    for (int[] t : tokens) {
      if (t.length == 1) {
        int lit = t[0];
        if (lit < 144) {
          w.code(0x30 + lit, 8);
        } else {
          w.code(0x190 + lit - 144, 9);
        }
      } else {
        w.code(t[0] - 256, 7);
        w.code(t[1] - 1, 5);
      }
    }
    w.code(0, 7);
    byte[] body = w.toBytes();
    byte[] out = new byte[body.length + 6];
    out[0] = 0x78;
    out[1] = (byte) 0x9c;
    System.arraycopy(body, 0, out, 2, body.length);
    for (int i = 0; i < 4; i++) {
      out[body.length + 2 + i] = (byte) (adler >>> (24 - 8 * i));
    }
    return out;
  }

  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int acc;
    private int n;

    void bits(int value, int count) {
      for (int i = 0; i < count; i++) {
        acc |= ((value >>> i) & 1) << n;
        if (++n == 8) {
          out.write(acc);
          acc = 0;
          n = 0;
        }
      }
    }

    /** Huffman codes are written most significant bit first. */
    void code(int code, int len) {
      for (int i = len - 1; i >= 0; i--) {
        bits((code >>> i) & 1, 1);
      }
    }

    byte[] toBytes() {
      if (n > 0) {
        out.write(acc);
      }
      return out.toByteArray();
    }
  }
}
