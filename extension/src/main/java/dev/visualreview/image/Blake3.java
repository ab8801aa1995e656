package dev.visualreview.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.RecursiveTask;

/**
 * BLAKE3-256 (the default, unkeyed hash mode with 32 bytes of output), in plain scalar Java.
 *
 * <p>Inputs of at least {@value #PARALLEL_THRESHOLD} bytes are split along BLAKE3's own tree (left
 * subtrees hold a power of two of 1 KiB chunks) and the halves are hashed on the common fork-join
 * pool, so the result is identical to the sequential hash.
 */
public final class Blake3 {
  /** The digest length in bytes. */
  public static final int DIGEST_LENGTH = 32;

  static final int CHUNK_LEN = 1024;
  static final int BLOCK_LEN = 64;
  static final int PARALLEL_THRESHOLD = 128 * 1024;

  static final int CHUNK_START = 1;
  static final int CHUNK_END = 2;
  static final int PARENT = 4;
  static final int ROOT = 8;

  static final int IV0 = 0x6A09E667;
  static final int IV1 = 0xBB67AE85;
  static final int IV2 = 0x3C6EF372;
  static final int IV3 = 0xA54FF53A;
  static final int IV4 = 0x510E527F;
  static final int IV5 = 0x9B05688C;
  static final int IV6 = 0x1F83D9AB;
  static final int IV7 = 0x5BE0CD19;

  private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Blake3() {}

  /** The BLAKE3-256 digest of all of {@code data}. */
  public static byte[] hash(byte[] data) {
    Objects.requireNonNull(data, "data");
    return hash(data, 0, data.length);
  }

  /** The BLAKE3-256 digest of {@code len} bytes of {@code data} starting at {@code off}. */
  public static byte[] hash(byte[] data, int off, int len) {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(off, len, data.length);
    if (len < PARALLEL_THRESHOLD || !PARALLEL) {
      return toBytes(tree(data, off, len, 0, ROOT));
    }
    // BLAKE3's root splits the input into a left subtree of a power of two of chunks and the rest;
    // a pool thread takes the left subtree while the caller hashes the right one.
    int leftLen = leftSubtreeLength(len);
    Subtree leftTask = new Subtree(data, off, leftLen, 0);
    leftTask.fork();
    int[] right = new Subtree(data, off + leftLen, len - leftLen, leftLen / CHUNK_LEN).compute();
    int[] left = leftTask.join();
    return toBytes(parent(left, right, ROOT));
  }

  /** The root digest of a parent node over two subtree chaining values. */
  static byte[] rootOfParent(int[] left, int[] right) {
    return toBytes(parent(left, right, ROOT));
  }

  static byte[] toBytes(int[] cv) {
    byte[] out = new byte[DIGEST_LENGTH];
    for (int i = 0; i < 8; i++) {
      putLe(out, i * 4, cv[i]);
    }
    return out;
  }

  /** Lowercase hexadecimal of a digest. */
  public static String hex(byte[] digest) {
    Objects.requireNonNull(digest, "digest");
    char[] chars = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      chars[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      chars[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(chars);
  }

  /**
   * Bytes in the left subtree: the largest power-of-two number of chunks leaving a non-empty rest.
   */
  static int leftSubtreeLength(int len) {
    int fullChunks = (len - 1) / CHUNK_LEN;
    // A plain loop on purpose: with Integer.highestOneBit here, C2 on JDK 17.0.15 miscompiled the
    // recursion after warm-up and returned wrong digests (see Blake3Test#staysCorrectAfterJit).
    int pow = 1;
    while (pow * 2 <= fullChunks) {
      pow *= 2;
    }
    return pow * CHUNK_LEN;
  }

  /**
   * Chaining value of a non-root subtree of {@code len > 0} bytes starting at chunk {@code
   * counter}.
   */
  static int[] subtree(byte[] data, int off, int len, long counter) {
    return tree(data, off, len, counter, 0);
  }

  /**
   * The (sub)tree over {@code len} bytes, computed iteratively with BLAKE3's stack of chaining
   * values: full 64 KiB groups go through {@link Blake3Lanes}, the last group chunk by chunk. The
   * last piece is held back so that the final merge can carry {@code rootFlag}.
   */
  private static int[] tree(byte[] data, int off, int len, long counter, int rootFlag) {
    return tree(data, off, len, counter, rootFlag, null);
  }

  /** As above, taking the chaining values of whole groups from {@code groupCvs} when given. */
  static int[] tree(byte[] data, int off, int len, long counter, int rootFlag, int[][] groupCvs) {
    int[] stack = new int[64 * 8];
    int depth = 0;
    int pos = 0;
    long chunks = 0;
    Blake3Lanes lanes = null;
    while (len - pos > Blake3Lanes.GROUP_LEN) {
      int[] cv;
      if (groupCvs != null) {
        cv = groupCvs[pos / Blake3Lanes.GROUP_LEN];
      } else {
        if (lanes == null) {
          lanes = new Blake3Lanes();
        }
        cv = lanes.groupCv(data, off + pos, counter + chunks);
      }
      pos += Blake3Lanes.GROUP_LEN;
      chunks += Blake3Lanes.LANES;
      depth = push(stack, depth, cv, chunks / Blake3Lanes.LANES);
    }
    while (len - pos > CHUNK_LEN) {
      int[] cv = chunk(data, off + pos, CHUNK_LEN, counter + chunks, 0);
      pos += CHUNK_LEN;
      chunks++;
      depth = push(stack, depth, cv, chunks);
    }
    if (depth == 0) {
      return chunk(data, off + pos, len - pos, counter + chunks, rootFlag);
    }
    int[] cv = chunk(data, off + pos, len - pos, counter + chunks, 0);
    while (depth > 0) {
      depth--;
      int[] left = new int[8];
      System.arraycopy(stack, depth * 8, left, 0, 8);
      cv = parent(left, cv, depth == 0 ? rootFlag : 0);
    }
    return cv;
  }

  /**
   * Pushes a completed subtree; merges while the count of equal-sized subtrees so far says a left
   * sibling is complete (counted in groups for whole groups, in chunks for single chunks).
   */
  private static int push(int[] stack, int depth, int[] cv, long totalSubtrees) {
    long total = totalSubtrees;
    while ((total & 1) == 0) {
      depth--;
      int[] left = new int[8];
      System.arraycopy(stack, depth * 8, left, 0, 8);
      cv = parent(left, cv, 0);
      total >>>= 1;
    }
    System.arraycopy(cv, 0, stack, depth * 8, 8);
    return depth + 1;
  }

  private static int[] chunk(byte[] data, int off, int len, long counter, int rootFlag) {
    int[] cv = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
    int blocks = Math.max(1, (len + BLOCK_LEN - 1) / BLOCK_LEN);
    for (int b = 0; b < blocks; b++) {
      boolean last = b == blocks - 1;
      int flags = (b == 0 ? CHUNK_START : 0) | (last ? CHUNK_END | rootFlag : 0);
      int blockLen = last ? len - b * BLOCK_LEN : BLOCK_LEN;
      if (blockLen == BLOCK_LEN) {
        compress(cv, data, off + b * BLOCK_LEN, counter, BLOCK_LEN, flags);
      } else {
        byte[] padded = new byte[BLOCK_LEN];
        System.arraycopy(data, off + b * BLOCK_LEN, padded, 0, blockLen);
        compress(cv, padded, 0, counter, blockLen, flags);
      }
    }
    return cv;
  }

  private static int[] parent(int[] left, int[] right, int rootFlag) {
    // Plain byte stores on purpose: int-wide VarHandle stores into a freshly allocated byte[] were
    // miscompiled by C2 on JDK 17.0.15 (wrong digests after warm-up, see Blake3Test).
    byte[] block = new byte[BLOCK_LEN];
    for (int i = 0; i < 8; i++) {
      putLe(block, i * 4, left[i]);
      putLe(block, 32 + i * 4, right[i]);
    }
    int[] cv = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
    compress(cv, block, 0, 0, BLOCK_LEN, PARENT | rootFlag);
    return cv;
  }

  private static void putLe(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  /**
   * The BLAKE3 compression function, truncated to the 8 words a chaining value (or a 32-byte root
   * output) needs. Fully unrolled on int locals: this is where all the time goes.
   */
  static void compress(int[] cv, byte[] block, int off, long counter, int blockLen, int flags) {
    int m0 = (int) LE_INT.get(block, off);
    int m1 = (int) LE_INT.get(block, off + 4);
    int m2 = (int) LE_INT.get(block, off + 8);
    int m3 = (int) LE_INT.get(block, off + 12);
    int m4 = (int) LE_INT.get(block, off + 16);
    int m5 = (int) LE_INT.get(block, off + 20);
    int m6 = (int) LE_INT.get(block, off + 24);
    int m7 = (int) LE_INT.get(block, off + 28);
    int m8 = (int) LE_INT.get(block, off + 32);
    int m9 = (int) LE_INT.get(block, off + 36);
    int m10 = (int) LE_INT.get(block, off + 40);
    int m11 = (int) LE_INT.get(block, off + 44);
    int m12 = (int) LE_INT.get(block, off + 48);
    int m13 = (int) LE_INT.get(block, off + 52);
    int m14 = (int) LE_INT.get(block, off + 56);
    int m15 = (int) LE_INT.get(block, off + 60);
    int v0 = cv[0];
    int v1 = cv[1];
    int v2 = cv[2];
    int v3 = cv[3];
    int v4 = cv[4];
    int v5 = cv[5];
    int v6 = cv[6];
    int v7 = cv[7];
    int v8 = IV0;
    int v9 = IV1;
    int v10 = IV2;
    int v11 = IV3;
    int v12 = (int) counter;
    int v13 = (int) (counter >>> 32);
    int v14 = blockLen;
    int v15 = flags;
    // round 1
    v0 += v4 + m0;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m1;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m2;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m3;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m4;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m5;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m6;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m7;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m8;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m9;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m10;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m11;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m12;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m13;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m14;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m15;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 2
    v0 += v4 + m2;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m6;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m3;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m10;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m7;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m0;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m4;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m13;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m1;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m11;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m12;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m5;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m9;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m14;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m15;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m8;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 3
    v0 += v4 + m3;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m4;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m10;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m12;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m13;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m2;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m7;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m14;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m6;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m5;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m9;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m0;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m11;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m15;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m8;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m1;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 4
    v0 += v4 + m10;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m7;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m12;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m9;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m14;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m3;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m13;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m15;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m4;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m0;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m11;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m2;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m5;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m8;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m1;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m6;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 5
    v0 += v4 + m12;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m13;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m9;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m11;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m15;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m10;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m14;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m8;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m7;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m2;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m5;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m3;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m0;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m1;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m6;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m4;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 6
    v0 += v4 + m9;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m14;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m11;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m5;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m8;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m12;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m15;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m1;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m13;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m3;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m0;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m10;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m2;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m6;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m4;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m7;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);
    // round 7
    v0 += v4 + m11;
    v12 = Integer.rotateRight(v12 ^ v0, 16);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 12);
    v0 += v4 + m15;
    v12 = Integer.rotateRight(v12 ^ v0, 8);
    v8 += v12;
    v4 = Integer.rotateRight(v4 ^ v8, 7);
    v1 += v5 + m5;
    v13 = Integer.rotateRight(v13 ^ v1, 16);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 12);
    v1 += v5 + m0;
    v13 = Integer.rotateRight(v13 ^ v1, 8);
    v9 += v13;
    v5 = Integer.rotateRight(v5 ^ v9, 7);
    v2 += v6 + m1;
    v14 = Integer.rotateRight(v14 ^ v2, 16);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 12);
    v2 += v6 + m9;
    v14 = Integer.rotateRight(v14 ^ v2, 8);
    v10 += v14;
    v6 = Integer.rotateRight(v6 ^ v10, 7);
    v3 += v7 + m8;
    v15 = Integer.rotateRight(v15 ^ v3, 16);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 12);
    v3 += v7 + m6;
    v15 = Integer.rotateRight(v15 ^ v3, 8);
    v11 += v15;
    v7 = Integer.rotateRight(v7 ^ v11, 7);
    v0 += v5 + m14;
    v15 = Integer.rotateRight(v15 ^ v0, 16);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 12);
    v0 += v5 + m10;
    v15 = Integer.rotateRight(v15 ^ v0, 8);
    v10 += v15;
    v5 = Integer.rotateRight(v5 ^ v10, 7);
    v1 += v6 + m2;
    v12 = Integer.rotateRight(v12 ^ v1, 16);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 12);
    v1 += v6 + m12;
    v12 = Integer.rotateRight(v12 ^ v1, 8);
    v11 += v12;
    v6 = Integer.rotateRight(v6 ^ v11, 7);
    v2 += v7 + m3;
    v13 = Integer.rotateRight(v13 ^ v2, 16);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 12);
    v2 += v7 + m4;
    v13 = Integer.rotateRight(v13 ^ v2, 8);
    v8 += v13;
    v7 = Integer.rotateRight(v7 ^ v8, 7);
    v3 += v4 + m7;
    v14 = Integer.rotateRight(v14 ^ v3, 16);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 12);
    v3 += v4 + m13;
    v14 = Integer.rotateRight(v14 ^ v3, 8);
    v9 += v14;
    v4 = Integer.rotateRight(v4 ^ v9, 7);

    cv[0] = v0 ^ v8;
    cv[1] = v1 ^ v9;
    cv[2] = v2 ^ v10;
    cv[3] = v3 ^ v11;
    cv[4] = v4 ^ v12;
    cv[5] = v5 ^ v13;
    cv[6] = v6 ^ v14;
    cv[7] = v7 ^ v15;
  }

  /** Hashes one subtree, forking its left half while this thread hashes the right half. */
  private static final class Subtree extends RecursiveTask<int[]> {
    private static final long serialVersionUID = 1L;
    private final transient byte[] data;
    private final int off;
    private final int len;
    private final long counter;

    Subtree(byte[] data, int off, int len, long counter) {
      this.data = data;
      this.off = off;
      this.len = len;
      this.counter = counter;
    }

    @Override
    protected int[] compute() {
      if (len <= PARALLEL_THRESHOLD) {
        return subtree(data, off, len, counter);
      }
      int leftLen = leftSubtreeLength(len);
      Subtree left = new Subtree(data, off, leftLen, counter);
      Subtree right =
          new Subtree(data, off + leftLen, len - leftLen, counter + leftLen / CHUNK_LEN);
      left.fork();
      int[] rightCv = right.compute();
      int[] leftCv = left.join();
      return parent(leftCv, rightCv, 0);
    }
  }
}
