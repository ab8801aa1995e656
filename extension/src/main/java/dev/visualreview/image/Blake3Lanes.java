package dev.visualreview.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * BLAKE3 compressions of up to {@value #LANES} independent inputs side by side, one array per state
 * and message word. Every step is a simple loop over the lanes, which the JIT compiles to SIMD
 * instructions where the CPU has them (plain scalar code elsewhere): no Vector API and no JVM flags
 * needed.
 */
final class Blake3Lanes {
  /** Chunks hashed side by side: one 64 KiB group of input. */
  static final int LANES = 64;

  static final int GROUP_LEN = LANES * Blake3.CHUNK_LEN;

  /** Message words are loaded two at a time (half the loads of int-wide reads). */
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  final int[] v0 = new int[LANES];
  final int[] v1 = new int[LANES];
  final int[] v2 = new int[LANES];
  final int[] v3 = new int[LANES];
  final int[] v4 = new int[LANES];
  final int[] v5 = new int[LANES];
  final int[] v6 = new int[LANES];
  final int[] v7 = new int[LANES];
  final int[] v8 = new int[LANES];
  final int[] v9 = new int[LANES];
  final int[] v10 = new int[LANES];
  final int[] v11 = new int[LANES];
  final int[] v12 = new int[LANES];
  final int[] v13 = new int[LANES];
  final int[] v14 = new int[LANES];
  final int[] v15 = new int[LANES];
  final int[] m0 = new int[LANES];
  final int[] m1 = new int[LANES];
  final int[] m2 = new int[LANES];
  final int[] m3 = new int[LANES];
  final int[] m4 = new int[LANES];
  final int[] m5 = new int[LANES];
  final int[] m6 = new int[LANES];
  final int[] m7 = new int[LANES];
  final int[] m8 = new int[LANES];
  final int[] m9 = new int[LANES];
  final int[] m10 = new int[LANES];
  final int[] m11 = new int[LANES];
  final int[] m12 = new int[LANES];
  final int[] m13 = new int[LANES];
  final int[] m14 = new int[LANES];
  final int[] m15 = new int[LANES];

  /**
   * Chaining value of the 64-chunk subtree made of the {@value #GROUP_LEN} bytes at {@code off}.
   */
  int[] groupCv(byte[] data, int off, long firstChunk) {
    int n = LANES;
    for (int j = 0; j < n; j++) {
      v0[j] = Blake3.IV0;
      v1[j] = Blake3.IV1;
      v2[j] = Blake3.IV2;
      v3[j] = Blake3.IV3;
      v4[j] = Blake3.IV4;
      v5[j] = Blake3.IV5;
      v6[j] = Blake3.IV6;
      v7[j] = Blake3.IV7;
    }
    int[] h0 = new int[n];
    int[] h1 = new int[n];
    int[] h2 = new int[n];
    int[] h3 = new int[n];
    int[] h4 = new int[n];
    int[] h5 = new int[n];
    int[] h6 = new int[n];
    int[] h7 = new int[n];
    System.arraycopy(v0, 0, h0, 0, n);
    System.arraycopy(v1, 0, h1, 0, n);
    System.arraycopy(v2, 0, h2, 0, n);
    System.arraycopy(v3, 0, h3, 0, n);
    System.arraycopy(v4, 0, h4, 0, n);
    System.arraycopy(v5, 0, h5, 0, n);
    System.arraycopy(v6, 0, h6, 0, n);
    System.arraycopy(v7, 0, h7, 0, n);
    for (int block = 0; block < 16; block++) {
      int flags = (block == 0 ? Blake3.CHUNK_START : 0) | (block == 15 ? Blake3.CHUNK_END : 0);
      for (int j = 0; j < n; j++) {
        int p = off + j * Blake3.CHUNK_LEN + block * Blake3.BLOCK_LEN;
        long w0 = (long) LE_LONG.get(data, p);
        long w1 = (long) LE_LONG.get(data, p + 8);
        long w2 = (long) LE_LONG.get(data, p + 16);
        long w3 = (long) LE_LONG.get(data, p + 24);
        long w4 = (long) LE_LONG.get(data, p + 32);
        long w5 = (long) LE_LONG.get(data, p + 40);
        long w6 = (long) LE_LONG.get(data, p + 48);
        long w7 = (long) LE_LONG.get(data, p + 56);
        m0[j] = (int) w0;
        m1[j] = (int) (w0 >>> 32);
        m2[j] = (int) w1;
        m3[j] = (int) (w1 >>> 32);
        m4[j] = (int) w2;
        m5[j] = (int) (w2 >>> 32);
        m6[j] = (int) w3;
        m7[j] = (int) (w3 >>> 32);
        m8[j] = (int) w4;
        m9[j] = (int) (w4 >>> 32);
        m10[j] = (int) w5;
        m11[j] = (int) (w5 >>> 32);
        m12[j] = (int) w6;
        m13[j] = (int) (w6 >>> 32);
        m14[j] = (int) w7;
        m15[j] = (int) (w7 >>> 32);
      }
      for (int j = 0; j < n; j++) {
        long counter = firstChunk + j;
        v0[j] = h0[j];
        v1[j] = h1[j];
        v2[j] = h2[j];
        v3[j] = h3[j];
        v4[j] = h4[j];
        v5[j] = h5[j];
        v6[j] = h6[j];
        v7[j] = h7[j];
        v12[j] = (int) counter;
        v13[j] = (int) (counter >>> 32);
      }
      start(n, Blake3.BLOCK_LEN, flags);
      compress(n);
      finish(n, h0, h1, h2, h3, h4, h5, h6, h7);
    }
    // Merge the 64 chunk chaining values level by level, each level's parents side by side.
    int count = n;
    while (count > 1) {
      int pairs = count / 2;
      for (int j = 0; j < pairs; j++) {
        m0[j] = h0[2 * j];
        m1[j] = h1[2 * j];
        m2[j] = h2[2 * j];
        m3[j] = h3[2 * j];
        m4[j] = h4[2 * j];
        m5[j] = h5[2 * j];
        m6[j] = h6[2 * j];
        m7[j] = h7[2 * j];
        m8[j] = h0[2 * j + 1];
        m9[j] = h1[2 * j + 1];
        m10[j] = h2[2 * j + 1];
        m11[j] = h3[2 * j + 1];
        m12[j] = h4[2 * j + 1];
        m13[j] = h5[2 * j + 1];
        m14[j] = h6[2 * j + 1];
        m15[j] = h7[2 * j + 1];
        v0[j] = Blake3.IV0;
        v1[j] = Blake3.IV1;
        v2[j] = Blake3.IV2;
        v3[j] = Blake3.IV3;
        v4[j] = Blake3.IV4;
        v5[j] = Blake3.IV5;
        v6[j] = Blake3.IV6;
        v7[j] = Blake3.IV7;
        v12[j] = 0;
        v13[j] = 0;
      }
      start(pairs, Blake3.BLOCK_LEN, Blake3.PARENT);
      compress(pairs);
      finish(pairs, h0, h1, h2, h3, h4, h5, h6, h7);
      count = pairs;
    }
    return new int[] {h0[0], h1[0], h2[0], h3[0], h4[0], h5[0], h6[0], h7[0]};
  }

  private void start(int n, int blockLen, int flags) {
    for (int j = 0; j < n; j++) {
      v8[j] = Blake3.IV0;
      v9[j] = Blake3.IV1;
      v10[j] = Blake3.IV2;
      v11[j] = Blake3.IV3;
      v14[j] = blockLen;
      v15[j] = flags;
    }
  }

  private void finish(
      int n, int[] h0, int[] h1, int[] h2, int[] h3, int[] h4, int[] h5, int[] h6, int[] h7) {
    for (int j = 0; j < n; j++) {
      h0[j] = v0[j] ^ v8[j];
      h1[j] = v1[j] ^ v9[j];
      h2[j] = v2[j] ^ v10[j];
      h3[j] = v3[j] ^ v11[j];
      h4[j] = v4[j] ^ v12[j];
      h5[j] = v5[j] ^ v13[j];
      h6[j] = v6[j] ^ v14[j];
      h7[j] = v7[j] ^ v15[j];
    }
  }

  private static final int[] PERMUTATION = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

  /**
   * Seven rounds as a loop: the message schedule is applied by permuting array references, which
   * keeps this method small so that the JIT compiles it early.
   */
  private void compress(int n) {
    int[][] m = {m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15};
    int[][] next = new int[16][];
    for (int round = 0; round < 7; round++) {
      g(v0, v4, v8, v12, m[0], m[1], n);
      g(v1, v5, v9, v13, m[2], m[3], n);
      g(v2, v6, v10, v14, m[4], m[5], n);
      g(v3, v7, v11, v15, m[6], m[7], n);
      g(v0, v5, v10, v15, m[8], m[9], n);
      g(v1, v6, v11, v12, m[10], m[11], n);
      g(v2, v7, v8, v13, m[12], m[13], n);
      g(v3, v4, v9, v14, m[14], m[15], n);
      for (int i = 0; i < 16; i++) {
        next[i] = m[PERMUTATION[i]];
      }
      int[][] t = m;
      m = next;
      next = t;
    }
  }

  private static void g(int[] a, int[] b, int[] c, int[] d, int[] mx, int[] my, int n) {
    for (int j = 0; j < n; j++) {
      int va = a[j] + b[j] + mx[j];
      int vd = Integer.rotateRight(d[j] ^ va, 16);
      int vc = c[j] + vd;
      int vb = Integer.rotateRight(b[j] ^ vc, 12);
      va += vb + my[j];
      vd = Integer.rotateRight(vd ^ va, 8);
      vc += vd;
      vb = Integer.rotateRight(vb ^ vc, 7);
      a[j] = va;
      b[j] = vb;
      c[j] = vc;
      d[j] = vd;
    }
  }
}
