package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Decodes non-interlaced RGB8 and RGBA8 PNGs (what browsers write) on two threads: the calling
 * thread inflates the image data while a pool thread unfilters and converts the rows behind it.
 * Whoever is free then helps the {@link FinalBytesListener} (the content hash) with the rows that
 * are final. If the pool thread does not start in time, the calling thread does everything itself,
 * so this never waits for a busy pool.
 *
 * <p>The zlib stream's Adler-32 checksum is computed by the thread that unfilters the rows, on each
 * inflated row as it reads it, and compared with the checksum stored after the stream.
 */
final class PipelinedDecoder {
  private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;
  private static final long MAX_WAIT_NANOS = 60_000_000_000L;

  private final PngHeader header;
  private final byte[] out;
  private final FinalBytesListener listener;
  private final int width;
  private final int height;
  private final int rowBytes;
  private final int outStride;
  private final boolean rgba;
  private final int rawStride;
  private final byte[] raw;
  private final boolean systemInflater;
  private final boolean twoThreads;

  private volatile int bytesInflated;
  private volatile boolean inflateEnded;
  private volatile int rowsFinal;
  private volatile long storedAdler = -1;
  private long rowsAdler = Adler32Sum.INITIAL; // written before the last rowsFinal, read after it
  private volatile Throwable rowError;
  private final AtomicBoolean rowWorkClaimed = new AtomicBoolean();

  PipelinedDecoder(
      PngHeader header, byte[] out, FinalBytesListener listener, DecodeOptions options) {
    this.header = header;
    this.systemInflater = options.systemInflater();
    this.twoThreads = options.twoThreads() && MULTI_CORE;
    this.out = out;
    this.listener = listener;
    this.width = header.width();
    this.height = header.height();
    this.rgba = header.colourType() == PngHeader.RGBA;
    this.rowBytes = width * (rgba ? 4 : 3);
    this.outStride = width * 4;
    this.rawStride = rowBytes + 1;
    this.raw = takeBuffer(Math.multiplyExact(rawStride, height));
  }

  /**
   * One spare scanline buffer, reused by the next decode instead of allocating megabytes again (its
   * contents never leave this class and are fully overwritten before use).
   */
  private static final AtomicReference<byte[]> SPARE = new AtomicReference<>();

  private static byte[] takeBuffer(int size) {
    byte[] spare = SPARE.getAndSet(null);
    return spare != null && spare.length == size ? spare : new byte[size];
  }

  static boolean handles(PngFile file) {
    PngHeader h = file.header;
    return file.colourKey == null
        && !h.interlaced()
        && h.bitDepth() == 8
        && (h.colourType() == PngHeader.RGBA || h.colourType() == PngHeader.RGB);
  }

  void decode(ImageDataStream data, boolean useHelper) {
    if (useHelper && twoThreads) {
      ForkJoinPool.commonPool().execute(this::helper);
    }
    try {
      inflateRows(data);
    } finally {
      inflateEnded = true;
    }
    if (rowWorkClaimed.compareAndSet(false, true)) {
      processRows(true);
    } else {
      awaitRows();
    }
    verifyChecksum(data);
    SPARE.set(raw);
    if (listener != null) {
      listener.bytesFinal(out.length);
    }
  }

  /**
   * Inflates the whole image data (filter bytes and scanlines, as stored) in large slices: every
   * {@link java.util.zip.Inflater#inflate} call costs a JNI transition and a copy into zlib's
   * window, so a few dozen large calls are much cheaper than two small ones per row.
   */
  private void inflateRows(ImageDataStream data) {
    if (!systemInflater) {
      storedAdler = data.inflateAll(raw, 0, raw.length, end -> bytesInflated = end);
      return;
    }
    int total = raw.length;
    for (int pos = 0; pos < total; ) {
      int n = Math.min(INFLATE_SLICE, total - pos);
      data.readFully(raw, pos, n);
      pos += n;
      bytesInflated = pos;
    }
  }

  /** Refuses image data whose zlib checksum is not the one of the bytes it inflated to. */
  private void verifyChecksum(ImageDataStream data) {
    if (systemInflater) {
      data.finish(); // zlib checks the checksum when it reaches the end of the stream
    } else if (storedAdler < 0) {
      data.verifyWholeStream(); // more data than the image needs: zlib inflates and checks it all
    } else if (storedAdler != rowsAdler) {
      throw Adler32Sum.mismatch(storedAdler, rowsAdler);
    }
  }

  /** Output per {@link java.util.zip.Inflater#inflate} call when the system zlib inflates. */
  private static final int INFLATE_SLICE = 64 * 1024;

  private void helper() {
    if (!rowWorkClaimed.compareAndSet(false, true)) {
      return;
    }
    try {
      processRows(false);
      if (listener != null && rowsFinal == height) {
        listener.bytesFinal(out.length);
      }
    } catch (Throwable t) {
      rowError = t;
    }
  }

  private void processRows(boolean hashAsYouGo) {
    byte[] zeros = new byte[rowBytes];
    byte[] prev = new byte[rowBytes];
    byte[] cur = new byte[rowBytes];
    boolean prevIsCurrent = true; // whether prev holds the row above (an Up row writes only out)
    long adler = Adler32Sum.INITIAL;
    long deadline = System.nanoTime() + MAX_WAIT_NANOS;
    for (int y = 0; y < height; y++) {
      int spins = 0;
      long rowEnd = (long) (y + 1) * rawStride;
      while (bytesInflated < rowEnd) {
        if (inflateEnded && bytesInflated < rowEnd) {
          return; // the inflating thread failed and reports why
        }
        if (listener != null && spins == 0) {
          listener.bytesFinal(y * outStride); // ahead of the inflater: hash what is final
        }
        spins = pause(spins, deadline);
      }
      if (!systemInflater) {
        adler = Adler32Sum.update(adler, raw, y * rawStride, rawStride);
      }
      int filter = raw[y * rawStride] & 0xFF;
      int src = y * rawStride + 1;
      int dst = y * outStride;
      if (filter == 2 && y > 0) {
        if (rgba) {
          UpRows.rgba(raw, src, out, dst, dst - outStride, rowBytes);
        } else {
          UpRows.rgb(raw, src, out, dst, dst - outStride, width);
        }
        prevIsCurrent = false;
      } else {
        // Rows are unfiltered in a copy: the inflater still reads back from the raw bytes (its
        // 32 KiB window), and with two distinct arrays the JIT can vectorise the loops.
        boolean needsPrev = filter == 3 || filter == 4;
        if (needsPrev && !prevIsCurrent) {
          if (rgba) {
            System.arraycopy(out, dst - outStride, prev, 0, rowBytes);
          } else {
            UpRows.rgbOf(out, dst - outStride, prev, width);
          }
        }
        System.arraycopy(raw, src, cur, 0, rowBytes);
        Unfilter.unfilter(filter, cur, 0, y == 0 ? zeros : prev, 0, rowBytes, rgba ? 4 : 3, y);
        if (rgba) {
          System.arraycopy(cur, 0, out, dst, rowBytes);
        } else {
          rgbToRgba(cur, 0, out, dst, width);
        }
        byte[] t = prev;
        prev = cur;
        cur = t;
        prevIsCurrent = true;
      }
      if (y == height - 1) {
        rowsAdler = adler;
      }
      rowsFinal = y + 1;
      if (hashAsYouGo && listener != null && (y & 15) == 15) {
        listener.bytesFinal((y + 1) * outStride);
      }
    }
  }

  private void awaitRows() {
    long deadline = System.nanoTime() + MAX_WAIT_NANOS;
    int spins = 0;
    while (rowsFinal < height) {
      Throwable error = rowError;
      if (error != null) {
        if (error instanceof RuntimeException e) {
          throw e;
        }
        if (error instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException(error);
      }
      if (listener != null) {
        listener.bytesFinal(rowsFinal * outStride);
      }
      spins = pause(spins, deadline);
    }
  }

  /** Spins briefly, then parks in short slices: a busy machine must not lose CPU to spinning. */
  private static int pause(int spins, long deadline) {
    if (spins < 50) {
      Thread.onSpinWait();
    } else {
      if (System.nanoTime() > deadline) {
        throw new InvalidImageException("PNG decoding stalled: gave up after 60 seconds");
      }
      LockSupport.parkNanos(20_000);
    }
    return spins + 1;
  }

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** Four pixels per step: three little-endian int loads, four int stores with alpha 255. */
  private static void rgbToRgba(byte[] src, int s, byte[] dst, int d, int pixels) {
    int i = 0;
    for (; i + 4 <= pixels; i += 4, s += 12, d += 16) {
      int w0 = (int) LE_INT.get(src, s);
      int w1 = (int) LE_INT.get(src, s + 4);
      int w2 = (int) LE_INT.get(src, s + 8);
      LE_INT.set(dst, d, w0 | 0xFF000000);
      LE_INT.set(dst, d + 4, (w0 >>> 24) | (w1 << 8) | 0xFF000000);
      LE_INT.set(dst, d + 8, (w1 >>> 16) | (w2 << 16) | 0xFF000000);
      LE_INT.set(dst, d + 12, (w2 >>> 8) | 0xFF000000);
    }
    for (; i < pixels; i++, s += 3, d += 4) {
      dst[d] = src[s];
      dst[d + 1] = src[s + 1];
      dst[d + 2] = src[s + 2];
      dst[d + 3] = (byte) 0xFF;
    }
  }

  @Override
  public String toString() {
    return "PipelinedDecoder[" + header + "]";
  }
}
