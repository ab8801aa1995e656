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
 *   <li>Each G function is one small loop over the lanes ({@link #g}), which C2 vectorises, and the
 *       compression around it is a loop over the seven rounds, called from small methods: no large
 *       method whose vector loops C2 must unroll again in every caller (the earlier version's group
 *       function took 1.3 s of C2 time in a cold run; see BENCHMARKS.md).
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

  /**
   * The message words of block {@code block} of each chunk: a chunk's sixteen words are next to
   * each other, so each lane reads one cache line.
   */
  private void chunkMessages(int[] w, int from, int block, int n) {
    int[] m0 = m[0];
    int[] m1 = m[1];
    int[] m2 = m[2];
    int[] m3 = m[3];
    int[] m4 = m[4];
    int[] m5 = m[5];
    int[] m6 = m[6];
    int[] m7 = m[7];
    int[] m8 = m[8];
    int[] m9 = m[9];
    int[] m10 = m[10];
    int[] m11 = m[11];
    int[] m12 = m[12];
    int[] m13 = m[13];
    int[] m14 = m[14];
    int[] m15 = m[15];
    for (int j = 0, p = from + block * BLOCK_WORDS; j < n; j++, p += CHUNK_WORDS) {
      m0[j] = w[p];
      m1[j] = w[p + 1];
      m2[j] = w[p + 2];
      m3[j] = w[p + 3];
      m4[j] = w[p + 4];
      m5[j] = w[p + 5];
      m6[j] = w[p + 6];
      m7[j] = w[p + 7];
      m8[j] = w[p + 8];
      m9[j] = w[p + 9];
      m10[j] = w[p + 10];
      m11[j] = w[p + 11];
      m12[j] = w[p + 12];
      m13[j] = w[p + 13];
      m14[j] = w[p + 14];
      m15[j] = w[p + 15];
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
      g(s[0], s[4], s[8], s[12], msg[0], msg[1], n);
      g(s[1], s[5], s[9], s[13], msg[2], msg[3], n);
      g(s[2], s[6], s[10], s[14], msg[4], msg[5], n);
      g(s[3], s[7], s[11], s[15], msg[6], msg[7], n);
      g(s[0], s[5], s[10], s[15], msg[8], msg[9], n);
      g(s[1], s[6], s[11], s[12], msg[10], msg[11], n);
      g(s[2], s[7], s[8], s[13], msg[12], msg[13], n);
      g(s[3], s[4], s[9], s[14], msg[14], msg[15], n);
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

  /** The G function over the lanes: one simple loop, which the JIT vectorises. */
  private static void g(int[] a, int[] b, int[] c, int[] d, int[] mx, int[] my, int n) {
    for (int j = 0; j < n; j++) {
      int va = a[j] + b[j] + mx[j];
      int vd = Integer.rotateRight(d[j] ^ va, 16);
      int vc = c[j] + vd;
      int vb = Integer.rotateRight(b[j] ^ vc, 12);
      va += vb + my[j];
      vd = Integer.rotateRight(vd ^ va, 8);
      vc += vd;
      a[j] = va;
      d[j] = vd;
      c[j] = vc;
      b[j] = Integer.rotateRight(vb ^ vc, 7);
    }
  }
}
