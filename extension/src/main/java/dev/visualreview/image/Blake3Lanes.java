package dev.visualreview.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * BLAKE3 compressions of up to {@value #LANES} chunks side by side, one array per state and message
 * word. Every step is a simple loop over the lanes, which the JIT compiles to SIMD instructions
 * where the CPU has them (plain scalar code elsewhere): no Vector API and no JVM flags needed.
 *
 * <p>Built for short-lived JVMs as much as for warm ones (a command-line run or a test suite hashes
 * tens of screenshots while the JIT is still compiling):
 *
 * <ul>
 *   <li>The message words are plain int loads: decoded pixels come as ints already, and bytes are
 *       copied into an int array with one bulk copy per call (a native-order view of the bytes,
 *       which is a memory copy in every tier). Per-word {@code VarHandle} reads are fast only once
 *       C2 has compiled them and cost a chain of calls before that.
 *   <li>A round is two calls of one loop ({@link #quarterRounds}: four G functions over the lanes,
 *       the columns, then the diagonals). That loop is the only one that needs vectorising, and it
 *       is compiled once and reached by calls: its bytecode is above HotSpot's limit for inlining
 *       hot methods (325 bytes), so the methods around it stay small and cheap to compile, instead
 *       of C2 unrolling and vectorising eight inlined loops in every caller.
 * </ul>
 */
final class Blake3Lanes {
  /** Chunks hashed side by side: one 64 KiB group of input. */
  static final int LANES = 64;

  static final int GROUP_LEN = LANES * Blake3.CHUNK_LEN;

  private static final int CHUNK_WORDS = Blake3.CHUNK_LEN / 4;
  private static final int BLOCK_WORDS = Blake3.BLOCK_LEN / 4;
  private static final int BLOCKS_PER_CHUNK = Blake3.CHUNK_LEN / Blake3.BLOCK_LEN;

  private static final int[] PERMUTATION = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

  /** The message words of the chunks being hashed, chunk after chunk. */
  private final int[] words = new int[LANES * CHUNK_WORDS];

  private final int[][] v = new int[16][LANES];
  private final int[][] m = new int[16][LANES];
  private final int[][] next = new int[16][];

  /** The chaining values of the chunks (and then of the parents), one array per word. */
  private final int[][] h = new int[8][LANES];

  /**
   * Chaining value of the 64-chunk subtree made of the {@value #GROUP_LEN} bytes at {@code off}.
   */
  int[] groupCv(byte[] data, int off, long firstChunk) {
    copy(data, off, LANES);
    return groupCv(words, 0, firstChunk);
  }

  /**
   * As {@link #groupCv(byte[], int, long)}, the bytes given as little-endian ints: {@code
   * pixels[from, from + 16384)} (decoded RGBA pixels, hashed without being turned into bytes).
   */
  int[] groupCv(int[] pixels, int from, long firstChunk) {
    chunks(pixels, from, LANES, firstChunk);
    // Merge the 64 chunk chaining values level by level, each level's parents side by side.
    int count = LANES;
    while (count > 1) {
      int pairs = count / 2;
      parentMessages(pairs);
      state(pairs, 0, Blake3.PARENT, true);
      compress(pairs);
      finish(pairs);
      count = pairs;
    }
    int[] cv = new int[8];
    for (int i = 0; i < 8; i++) {
      cv[i] = h[i][0];
    }
    return cv;
  }

  /**
   * Chaining values of {@code n <= 64} whole chunks at {@code off} (chunk counters from {@code
   * firstChunk}), eight words per chunk into {@code out}.
   */
  void chunkCvs(byte[] data, int off, int n, long firstChunk, int[] out) {
    copy(data, off, n);
    chunks(words, 0, n, firstChunk);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < 8; i++) {
        out[j * 8 + i] = h[i][j];
      }
    }
  }

  /** Copies {@code n} chunks at {@code off} into {@link #words} (one bulk copy). */
  private void copy(byte[] data, int off, int n) {
    ByteBuffer.wrap(data, off, n * Blake3.CHUNK_LEN)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .get(words, 0, n * CHUNK_WORDS);
  }

  /**
   * Hashes {@code n} whole chunks side by side, given as words from {@code w[from]}, leaving their
   * chaining values in {@link #h}.
   */
  private void chunks(int[] w, int from, int n, long firstChunk) {
    for (int block = 0; block < BLOCKS_PER_CHUNK; block++) {
      int flags =
          (block == 0 ? Blake3.CHUNK_START : 0)
              | (block == BLOCKS_PER_CHUNK - 1 ? Blake3.CHUNK_END : 0);
      chunkMessages(w, from, block, n);
      state(n, firstChunk, flags, block == 0);
      compress(n);
      finish(n);
    }
  }

  /** The message words of block {@code block} of each chunk. */
  private void chunkMessages(int[] w, int from, int block, int n) {
    int[][] msg = m;
    for (int k = 0; k < BLOCK_WORDS; k++) {
      int[] mk = msg[k];
      for (int j = 0, p = from + block * BLOCK_WORDS + k; j < n; j++, p += CHUNK_WORDS) {
        mk[j] = w[p];
      }
    }
  }

  /** The message of each parent: the chaining values of its two children. */
  private void parentMessages(int pairs) {
    for (int i = 0; i < 8; i++) {
      int[] hi = h[i];
      int[] left = m[i];
      int[] right = m[8 + i];
      for (int j = 0; j < pairs; j++) {
        left[j] = hi[2 * j];
        right[j] = hi[2 * j + 1];
      }
    }
  }

  /**
   * The state before compressing: the chaining value (the key words for a chunk's first block and
   * for parents, else the chaining value so far), the IV, counter, block length and flags.
   */
  private void state(int n, long firstCounter, int flags, boolean fromIv) {
    int[] iv = {
      Blake3.IV0, Blake3.IV1, Blake3.IV2, Blake3.IV3, Blake3.IV4, Blake3.IV5, Blake3.IV6, Blake3.IV7
    };
    for (int i = 0; i < 8; i++) {
      int[] vi = v[i];
      if (fromIv) {
        java.util.Arrays.fill(vi, 0, n, iv[i]);
      } else {
        System.arraycopy(h[i], 0, vi, 0, n);
      }
    }
    for (int i = 0; i < 4; i++) {
      java.util.Arrays.fill(v[8 + i], 0, n, iv[i]);
    }
    int[] v12 = v[12];
    int[] v13 = v[13];
    boolean chunkCounter = (flags & Blake3.PARENT) == 0;
    for (int j = 0; j < n; j++) {
      long counter = chunkCounter ? firstCounter + j : 0;
      v12[j] = (int) counter;
      v13[j] = (int) (counter >>> 32);
    }
    java.util.Arrays.fill(v[14], 0, n, Blake3.BLOCK_LEN);
    java.util.Arrays.fill(v[15], 0, n, flags);
  }

  /** The chaining values after a compression: the first half of the state xor the second. */
  private void finish(int n) {
    for (int i = 0; i < 8; i++) {
      int[] hi = h[i];
      int[] lo = v[i];
      int[] up = v[8 + i];
      for (int j = 0; j < n; j++) {
        hi[j] = lo[j] ^ up[j];
      }
    }
  }

  /** Seven rounds; the message schedule is applied by permuting array references. */
  private void compress(int n) {
    int[][] s = v;
    int[][] msg = m;
    int[][] spare = next;
    for (int round = 0; round < 7; round++) {
      quarterRounds(
          s[0], s[4], s[8], s[12], msg[0], msg[1], s[1], s[5], s[9], s[13], msg[2], msg[3], s[2],
          s[6], s[10], s[14], msg[4], msg[5], s[3], s[7], s[11], s[15], msg[6], msg[7], n);
      quarterRounds(
          s[0], s[5], s[10], s[15], msg[8], msg[9], s[1], s[6], s[11], s[12], msg[10], msg[11],
          s[2], s[7], s[8], s[13], msg[12], msg[13], s[3], s[4], s[9], s[14], msg[14], msg[15], n);
      for (int i = 0; i < 16; i++) {
        spare[i] = msg[PERMUTATION[i]];
      }
      int[][] t = msg;
      msg = spare;
      spare = t;
    }
    // seven permutations: the message arrays are back in a permuted order, which is fine (they
    // are all rewritten before the next compression), but the fields must hold all sixteen
    System.arraycopy(msg, 0, m, 0, 16);
    System.arraycopy(spare, 0, next, 0, 16);
  }

  /**
   * Four independent G functions, each over the lanes: {@code G(a, b, c, d, x, y)} for the four
   * given quadruples of state words and pairs of message words. One loop, so the JIT vectorises one
   * body; a method of its own, compiled once and called fourteen times per compression.
   */
  private static void quarterRounds(
      int[] a0,
      int[] b0,
      int[] c0,
      int[] d0,
      int[] x0,
      int[] y0,
      int[] a1,
      int[] b1,
      int[] c1,
      int[] d1,
      int[] x1,
      int[] y1,
      int[] a2,
      int[] b2,
      int[] c2,
      int[] d2,
      int[] x2,
      int[] y2,
      int[] a3,
      int[] b3,
      int[] c3,
      int[] d3,
      int[] x3,
      int[] y3,
      int n) {
    for (int j = 0; j < n; j++) {
      int a = a0[j] + b0[j] + x0[j];
      int d = Integer.rotateRight(d0[j] ^ a, 16);
      int c = c0[j] + d;
      int b = Integer.rotateRight(b0[j] ^ c, 12);
      a += b + y0[j];
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      a0[j] = a;
      d0[j] = d;
      c0[j] = c;
      b0[j] = Integer.rotateRight(b ^ c, 7);

      a = a1[j] + b1[j] + x1[j];
      d = Integer.rotateRight(d1[j] ^ a, 16);
      c = c1[j] + d;
      b = Integer.rotateRight(b1[j] ^ c, 12);
      a += b + y1[j];
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      a1[j] = a;
      d1[j] = d;
      c1[j] = c;
      b1[j] = Integer.rotateRight(b ^ c, 7);

      a = a2[j] + b2[j] + x2[j];
      d = Integer.rotateRight(d2[j] ^ a, 16);
      c = c2[j] + d;
      b = Integer.rotateRight(b2[j] ^ c, 12);
      a += b + y2[j];
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      a2[j] = a;
      d2[j] = d;
      c2[j] = c;
      b2[j] = Integer.rotateRight(b ^ c, 7);

      a = a3[j] + b3[j] + x3[j];
      d = Integer.rotateRight(d3[j] ^ a, 16);
      c = c3[j] + d;
      b = Integer.rotateRight(b3[j] ^ c, 12);
      a += b + y3[j];
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      a3[j] = a;
      d3[j] = d;
      c3[j] = c;
      b3[j] = Integer.rotateRight(b ^ c, 7);
    }
  }
}
