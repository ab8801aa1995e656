package dev.visualreview.image;

import java.util.Objects;
import java.util.concurrent.RecursiveTask;

/**
 * BLAKE3-256 (the default, unkeyed hash mode with 32 bytes of output), in plain Java: whole chunks
 * 64 at a time side by side ({@link Blake3Lanes}), the rest one block at a time.
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

  /**
   * As above, taking the chaining values of whole groups from {@code groupCvs} when given; then
   * {@code data} is read only past the whole groups (so it may hold just that tail, with a negative
   * {@code off} placing it: byte {@code i} of the input at {@code data[off + i]}).
   */
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
    // The whole chunks before the last one (which is held back), side by side as well.
    int tailChunks = (len - pos - 1) / CHUNK_LEN;
    if (tailChunks > 0) {
      if (lanes == null) {
        lanes = new Blake3Lanes();
      }
      int[] cvs = new int[tailChunks * 8];
      lanes.chunkCvs(data, off + pos, tailChunks, counter + chunks, cvs);
      for (int c = 0; c < tailChunks; c++) {
        int[] cv = new int[8];
        System.arraycopy(cvs, c * 8, cv, 0, 8);
        pos += CHUNK_LEN;
        chunks++;
        depth = push(stack, depth, cv, chunks);
      }
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

  /** The message schedule: the word each G of each round takes, round after round. */
  private static final byte[] SCHEDULE = schedule();

  private static byte[] schedule() {
    int[] permutation = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
    byte[] table = new byte[7 * 16];
    int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int round = 0; round < 7; round++) {
      for (int i = 0; i < 16; i++) {
        table[round * 16 + i] = (byte) order[i];
      }
      int[] next = new int[16];
      for (int i = 0; i < 16; i++) {
        next[i] = order[permutation[i]];
      }
      order = next;
    }
    return table;
  }

  /**
   * The BLAKE3 compression function of one block, truncated to the 8 words a chaining value (or a
   * 32-byte root output) needs. Compact on purpose (rounds as a loop over a schedule table): it
   * only hashes the last, partial chunk of an input and the parents above the 64-chunk groups, so
   * it should be cheap for the JIT to compile, not fast; {@link Blake3Lanes} hashes everything
   * else.
   */
  static void compress(int[] cv, byte[] block, int off, long counter, int blockLen, int flags) {
    int[] m = new int[16];
    for (int i = 0; i < 16; i++) {
      int p = off + 4 * i;
      m[i] =
          (block[p] & 0xFF)
              | (block[p + 1] & 0xFF) << 8
              | (block[p + 2] & 0xFF) << 16
              | (block[p + 3] & 0xFF) << 24;
    }
    int[] s = {
      cv[0],
      cv[1],
      cv[2],
      cv[3],
      cv[4],
      cv[5],
      cv[6],
      cv[7],
      IV0,
      IV1,
      IV2,
      IV3,
      (int) counter,
      (int) (counter >>> 32),
      blockLen,
      flags
    };
    for (int r = 0; r < 7 * 16; r += 16) {
      g(s, 0, 4, 8, 12, m[SCHEDULE[r]], m[SCHEDULE[r + 1]]);
      g(s, 1, 5, 9, 13, m[SCHEDULE[r + 2]], m[SCHEDULE[r + 3]]);
      g(s, 2, 6, 10, 14, m[SCHEDULE[r + 4]], m[SCHEDULE[r + 5]]);
      g(s, 3, 7, 11, 15, m[SCHEDULE[r + 6]], m[SCHEDULE[r + 7]]);
      g(s, 0, 5, 10, 15, m[SCHEDULE[r + 8]], m[SCHEDULE[r + 9]]);
      g(s, 1, 6, 11, 12, m[SCHEDULE[r + 10]], m[SCHEDULE[r + 11]]);
      g(s, 2, 7, 8, 13, m[SCHEDULE[r + 12]], m[SCHEDULE[r + 13]]);
      g(s, 3, 4, 9, 14, m[SCHEDULE[r + 14]], m[SCHEDULE[r + 15]]);
    }
    for (int i = 0; i < 8; i++) {
      cv[i] = s[i] ^ s[i + 8];
    }
  }

  private static void g(int[] s, int a, int b, int c, int d, int x, int y) {
    int va = s[a] + s[b] + x;
    int vd = Integer.rotateRight(s[d] ^ va, 16);
    int vc = s[c] + vd;
    int vb = Integer.rotateRight(s[b] ^ vc, 12);
    va += vb + y;
    vd = Integer.rotateRight(vd ^ va, 8);
    vc += vd;
    s[a] = va;
    s[d] = vd;
    s[c] = vc;
    s[b] = Integer.rotateRight(vb ^ vc, 7);
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
