package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Adler-32 (RFC 1950), the checksum at the end of every zlib stream, eight bytes per step.
 *
 * <p>The textbook loop ({@code s1 += b; s2 += s1} per byte) is one long dependency chain. Here a
 * block of bytes adds to s1 its sum and to s2 its weighted sum {@code Σ (n − i)·b[i]}, both kept
 * per byte lane: each step takes a little-endian long and adds its even and odd bytes to two
 * accumulators of four 16-bit lanes (and those to two more, for the weights), 22 longs at a time
 * (the most that cannot overflow a 16-bit lane), then widens them into 32-bit lanes. The same sums
 * as {@link java.util.zip.Adler32}, about twice as fast as it (zlib's loop behind JNI).
 */
final class Adler32Sum {
  /** The Adler-32 of no bytes. */
  static final long INITIAL = 1;

  private static final int MOD = 65521;

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long BYTES = 0x00ff00ff00ff00ffL;
  private static final long SHORTS = 0x0000ffff0000ffffL;

  /** Longs per 16-bit pass: the weighted sum stays below 2^16 (22·23/2·255 = 64,515). */
  private static final int PASS_LONGS = 22;

  /** Longs per block: the 32-bit lanes of the weighted sum stay below 2^32. */
  private static final int BLOCK_LONGS = 22 * 93;

  private Adler32Sum() {}

  /** The Adler-32 of the bytes so far ({@code adler}) followed by {@code b[off, off + len)}. */
  static long update(long adler, byte[] b, int off, int len) {
    long s1 = adler & 0xffff;
    long s2 = adler >>> 16;
    while (len >= 8) {
      int words = Math.min(len >>> 3, BLOCK_LONGS);
      // Lanes: even0 holds bytes 0 and 4 of each word, even1 bytes 2 and 6, odd0 1 and 5, odd1 3,
      // 7.
      long sumE0 = 0;
      long sumE1 = 0;
      long sumO0 = 0;
      long sumO1 = 0;
      long weightE0 = 0;
      long weightE1 = 0;
      long weightO0 = 0;
      long weightO1 = 0;
      for (int done = 0; done < words; ) {
        int pass = Math.min(PASS_LONGS, words - done);
        long even = 0;
        long odd = 0;
        long evenWeight = 0;
        long oddWeight = 0;
        int p = off + done * 8;
        for (int k = 0; k < pass; k++, p += 8) {
          long x = (long) LE_LONG.get(b, p);
          even += x & BYTES;
          odd += (x >>> 8) & BYTES;
          evenWeight += even;
          oddWeight += odd;
        }
        // the words before this pass count once more for each word of it
        weightE0 += pass * sumE0 + (evenWeight & SHORTS);
        weightE1 += pass * sumE1 + ((evenWeight >>> 16) & SHORTS);
        weightO0 += pass * sumO0 + (oddWeight & SHORTS);
        weightO1 += pass * sumO1 + ((oddWeight >>> 16) & SHORTS);
        sumE0 += even & SHORTS;
        sumE1 += (even >>> 16) & SHORTS;
        sumO0 += odd & SHORTS;
        sumO1 += (odd >>> 16) & SHORTS;
        done += pass;
      }
      int n = words * 8;
      off += n;
      len -= n;
      // byte k of a word: the weight of its lane's word sum is 8, minus k for its place in the word
      long sum =
          low(sumE0)
              + low(sumO0)
              + low(sumE1)
              + low(sumO1)
              + high(sumE0)
              + high(sumO0)
              + high(sumE1)
              + high(sumO1);
      long weighted =
          8 * (low(weightE0) + low(weightO0) + low(weightE1) + low(weightO1))
              + 8 * (high(weightE0) + high(weightO0) + high(weightE1) + high(weightO1))
              - (low(sumO0) + 2 * low(sumE1) + 3 * low(sumO1))
              - (4 * high(sumE0) + 5 * high(sumO0) + 6 * high(sumE1) + 7 * high(sumO1));
      s2 = (s2 + n * s1 + weighted) % MOD;
      s1 = (s1 + sum) % MOD;
    }
    for (int i = 0; i < len; i++) {
      s1 += b[off + i] & 0xff;
      s2 += s1;
    }
    return (s2 % MOD) << 16 | (s1 % MOD);
  }

  private static long low(long lanes) {
    return lanes & 0xffffffffL;
  }

  private static long high(long lanes) {
    return lanes >>> 32;
  }

  /** The error for a stream whose stored checksum is not the one of its inflated bytes. */
  static InvalidImageException mismatch(long stored, long computed) {
    return new InvalidImageException(
        String.format(
            "PNG image data fails its zlib checksum (Adler-32 stored %08x, computed %08x from"
                + " the inflated data): the file is damaged; take the screenshot again",
            stored, computed));
  }
}
