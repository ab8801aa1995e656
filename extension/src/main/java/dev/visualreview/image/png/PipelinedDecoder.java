package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Decodes non-interlaced RGB8 and RGBA8 PNGs (what browsers write) on two threads, into RGBA pixels
 * held as little-endian ints (the bytes of the RGBA8 image, four at a time; for the content hash)
 * or into RGBA8 bytes (for a decoded image): the calling thread inflates the image data while a
 * pool thread unfilters and converts the rows behind it. Whoever is free then helps the {@link
 * FinalBytesListener} (the content hash) with the rows that are final. If the pool thread does not
 * start in time, the calling thread does everything itself, so this never waits for a busy pool.
 *
 * <p>The zlib stream's Adler-32 checksum is computed by the inflating thread, a slice at a time
 * right after inflating it, and compared with the checksum stored after the stream. Up-filtered
 * rows (most of a screenshot) go straight into the output; the other filters work on a copy of the
 * row's bytes.
 */
final class PipelinedDecoder {
  private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;
  private static final long MAX_WAIT_NANOS = 60_000_000_000L;

  private final PngHeader header;

  /** The pixels as ints, or null when decoding into {@link #bytesOut}. */
  private final int[] out;

  private final byte[] bytesOut;
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
  private long storedAdler = -1;
  private long inflatedAdler = Adler32Sum.INITIAL;
  private int adlerEnd;
  private volatile Throwable rowError;
  private final AtomicBoolean rowWorkClaimed = new AtomicBoolean();

  /** Decodes into {@code pixels}, the whole image as ints. */
  PipelinedDecoder(
      PngHeader header, int[] pixels, FinalBytesListener listener, DecodeOptions options) {
    this(header, pixels, null, listener, options);
  }

  /** Decodes into {@code bytes}, the RGBA8 image. */
  PipelinedDecoder(
      PngHeader header, byte[] bytes, FinalBytesListener listener, DecodeOptions options) {
    this(header, null, bytes, listener, options);
  }

  private PipelinedDecoder(
      PngHeader header,
      int[] out,
      byte[] bytesOut,
      FinalBytesListener listener,
      DecodeOptions options) {
    this.header = header;
    this.systemInflater = options.systemInflater();
    this.twoThreads = options.twoThreads() && MULTI_CORE;
    this.out = out;
    this.bytesOut = bytesOut;
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
      listener.bytesFinal(height * outStride);
    }
  }

  /**
   * Inflates the whole image data (filter bytes and scanlines, as stored) in large slices: every
   * {@link java.util.zip.Inflater#inflate} call costs a JNI transition and a copy into zlib's
   * window, so a few dozen large calls are much cheaper than two small ones per row.
   */
  private void inflateRows(ImageDataStream data) {
    if (!systemInflater) {
      // The Adler-32 is taken here, a slice at a time right after the slice is inflated (the bytes
      // are in the cache): the inflating thread usually finishes before the one unfiltering.
      storedAdler =
          data.inflateAll(
              raw,
              0,
              raw.length,
              end -> {
                inflatedAdler = Adler32Sum.update(inflatedAdler, raw, adlerEnd, end - adlerEnd);
                adlerEnd = end;
                bytesInflated = end;
              });
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
    } else if (storedAdler != inflatedAdler) {
      throw Adler32Sum.mismatch(storedAdler, inflatedAdler);
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
        listener.bytesFinal(height * outStride);
      }
    } catch (Throwable t) {
      rowError = t;
    }
  }

  private void processRows(boolean hashAsYouGo) {
    if (out != null) {
      processRowsToPixels(hashAsYouGo);
    } else {
      processRowsToBytes(hashAsYouGo);
    }
  }

  /**
   * Unfilters into pixels as ints: each raw row is copied into ints once, Up rows (most of a
   * screenshot) go straight from there into the pixels.
   */
  private void processRowsToPixels(boolean hashAsYouGo) {
    int rowInts = rowBytes >>> 2;
    int[] rowWords = new int[rowInts];
    int[] scratch = new int[rowInts];
    byte[] zeros = new byte[rowBytes];
    byte[] prev = new byte[rowBytes];
    byte[] cur = new byte[rowBytes];
    boolean prevIsCurrent = true; // whether prev holds the row above (an Up row writes only out)
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
      int rowStart = y * rawStride;
      int filter = raw[rowStart] & 0xFF;
      int src = rowStart + 1;
      int dst = y * width;
      int above = dst - width;
      PixelRows.load(raw, src, rowInts, rowWords);
      if (filter == 2 && y > 0) {
        if (rgba) {
          PixelRows.upRgba(rowWords, out, dst, above, width);
        } else {
          PixelRows.upRgb(rowWords, raw, src, out, dst, above, width);
        }
        prevIsCurrent = false;
      } else {
        // The other filters work on the row's bytes: a copy, since the inflater still reads back
        // from the raw bytes (its 32 KiB window).
        boolean needsPrev = filter == 3 || filter == 4;
        if (needsPrev && !prevIsCurrent) {
          if (rgba) {
            PixelRows.store(out, above, width, prev, 0);
          } else {
            PixelRows.pixelsToRgb(out, above, width, scratch, prev);
          }
        }
        System.arraycopy(raw, src, cur, 0, rowBytes);
        Unfilter.unfilter(filter, cur, 0, y == 0 ? zeros : prev, 0, rowBytes, rgba ? 4 : 3, y);
        PixelRows.load(cur, 0, rowInts, scratch);
        if (rgba) {
          System.arraycopy(scratch, 0, out, dst, width);
        } else {
          PixelRows.rgbToPixels(scratch, cur, out, dst, width);
        }
        byte[] t = prev;
        prev = cur;
        cur = t;
        prevIsCurrent = true;
      }
      rowsFinal = y + 1;
      if (hashAsYouGo && listener != null && (y & 15) == 15) {
        listener.bytesFinal((y + 1) * outStride);
      }
    }
  }

  /**
   * Unfilters into RGBA8 bytes: Up rows straight from the raw bytes, four bytes per int-wide
   * access.
   */
  private void processRowsToBytes(boolean hashAsYouGo) {
    byte[] out = bytesOut;
    byte[] zeros = new byte[rowBytes];
    byte[] prev = new byte[rowBytes];
    byte[] cur = new byte[rowBytes];
    boolean prevIsCurrent = true; // whether prev holds the row above (an Up row writes only out)
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
          UpRows.rgbToRgba(cur, out, dst, width);
        }
        byte[] t = prev;
        prev = cur;
        cur = t;
        prevIsCurrent = true;
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

  @Override
  public String toString() {
    return "PipelinedDecoder[" + header + "]";
  }
}
