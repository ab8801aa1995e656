package dev.visualreview.image;

import dev.visualreview.image.png.FinalBytesListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * BLAKE3 of a buffer whose bytes become final front to back while it is being written (the pixels
 * of an image being decoded, as bytes or as little-endian ints). Any thread may help: each whole 64
 * KiB group is claimed by one thread and hashed as soon as it is final; {@link #finish()} merges
 * the groups into BLAKE3's tree.
 */
final class ProgressiveBlake3 implements FinalBytesListener {
  private final byte[] data;
  private final int[] pixels;
  private final int length;
  private final int groups;
  private final int[][] groupCvs;
  private final AtomicInteger nextGroup = new AtomicInteger();
  private final AtomicInteger doneGroups = new AtomicInteger();

  ProgressiveBlake3(byte[] data) {
    this(data, null, data.length);
  }

  /** Over the bytes of {@code pixels} in little-endian order. */
  ProgressiveBlake3(int[] pixels) {
    this(null, pixels, Math.multiplyExact(pixels.length, 4));
  }

  private ProgressiveBlake3(byte[] data, int[] pixels, int length) {
    this.data = data;
    this.pixels = pixels;
    this.length = length;
    this.groups = length == 0 ? 0 : (length - 1) / Blake3Lanes.GROUP_LEN;
    this.groupCvs = new int[groups][];
  }

  /** Hashes every unclaimed group that lies wholly below {@code finalEnd}. */
  @Override
  public void bytesFinal(int finalEnd) {
    Blake3Lanes lanes = null;
    while (true) {
      int g = nextGroup.get();
      if (g >= groups || (long) (g + 1) * Blake3Lanes.GROUP_LEN > finalEnd) {
        return;
      }
      if (nextGroup.compareAndSet(g, g + 1)) {
        if (lanes == null) {
          lanes = new Blake3Lanes();
        }
        long firstChunk = (long) g * Blake3Lanes.LANES;
        groupCvs[g] =
            data != null
                ? lanes.groupCv(data, g * Blake3Lanes.GROUP_LEN, firstChunk)
                : lanes.groupCv(pixels, g * (Blake3Lanes.GROUP_LEN / 4), firstChunk);
        doneGroups.incrementAndGet();
      }
    }
  }

  /** The digest; call when every byte is final. Groups claimed by other threads are awaited. */
  byte[] finish() {
    bytesFinal(length);
    long deadline = System.nanoTime() + 60_000_000_000L;
    int spins = 0;
    while (doneGroups.get() < groups) {
      // Another thread is inside groupCv for the last claimed groups: tens of microseconds.
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("BLAKE3 helper thread did not finish its part");
      }
      if (++spins < 50) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(20_000);
      }
    }
    if (data != null) {
      return Blake3.toBytes(Blake3.tree(data, 0, length, 0, Blake3.ROOT, groupCvs));
    }
    // Past the whole groups only a tail of at most 64 KiB is read: hand it over as bytes, placed
    // so that its first byte is where the tree expects byte `start` of the input.
    int start = groups * Blake3Lanes.GROUP_LEN;
    byte[] tail = new byte[length - start];
    java.nio.ByteBuffer.wrap(tail)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asIntBuffer()
        .put(pixels, start / 4, tail.length / 4);
    return Blake3.toBytes(Blake3.tree(tail, -start, length, 0, Blake3.ROOT, groupCvs));
  }
}
