package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Decodes non-interlaced RGB8 and RGBA8 PNGs (what browsers write) on two threads, into RGBA pixels
 * held as little-endian ints (the bytes of the RGBA8 image, four at a time; or, for a byte output,
 * two rows of them, each copied out once final): the calling thread inflates the image data while a
 * pool thread unfilters and converts the rows behind it. Whoever is free then helps the {@link
 * FinalBytesListener} (the content hash) with the rows that are final. If the pool thread does not
 * start in time, the calling thread does everything itself, so this never waits for a busy pool.
 *
 * <p>Each inflated row is copied into an int array once ({@link PixelRows#load}); the zlib stream's
 * Adler-32 checksum is computed from it, on the thread that unfilters the rows, and compared with
 * the checksum stored after the stream. Up-filtered rows (most of a screenshot) then go straight
 * into the pixels; the other filters work on the row's bytes.
 */
final class PipelinedDecoder {
  private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;
  private static final long MAX_WAIT_NANOS = 60_000_000_000L;

  private final PngHeader header;

  /**
   * The pixels: the whole image, or a ring of {@link #BAND} rows when {@link #bytesOut} takes them
   * (copied out a band at a time).
   */
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
  private volatile long storedAdler = -1;
  private long rowsAdler = Adler32Sum.INITIAL; // written before the last rowsFinal, read after it
  private volatile Throwable rowError;
  private final AtomicBoolean rowWorkClaimed = new AtomicBoolean();

  /** Decodes into {@code pixels}, the whole image as ints. */
  PipelinedDecoder(
      PngHeader header, int[] pixels, FinalBytesListener listener, DecodeOptions options) {
    this(header, pixels, null, listener, options);
  }

  /** Rows of pixels held before they are copied into a byte output. */
  private static final int BAND = 32;

  /** Decodes into {@code bytes}, the RGBA8 image. */
  PipelinedDecoder(
      PngHeader header, byte[] bytes, FinalBytesListener listener, DecodeOptions options) {
    this(header, new int[BAND * header.width()], bytes, listener, options);
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
        listener.bytesFinal(height * outStride);
      }
    } catch (Throwable t) {
      rowError = t;
    }
  }

  private void processRows(boolean hashAsYouGo) {
    int rowInts = rowBytes >>> 2;
    int[] rowWords = new int[rowInts];
    int[] scratch = new int[rowInts];
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
          listener.bytesFinal(
              storedRows(y) * outStride); // ahead of the inflater: hash what is final
        }
        spins = pause(spins, deadline);
      }
      int rowStart = y * rawStride;
      int filter = raw[rowStart] & 0xFF;
      int src = rowStart + 1;
      int dst = bytesOut == null ? y * width : (y % BAND) * width;
      int above = bytesOut == null ? dst - width : ((y + BAND - 1) % BAND) * width;
      PixelRows.load(raw, src, rowInts, rowWords);
      if (!systemInflater) {
        adler = Adler32Sum.update(adler, raw, rowStart, 1);
        adler = Adler32Sum.update(adler, rowWords, 0, rowInts);
        adler = Adler32Sum.update(adler, raw, src + 4 * rowInts, rowBytes - 4 * rowInts);
      }
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
      if (bytesOut != null && (y % BAND == BAND - 1 || y == height - 1)) {
        int first = y - y % BAND;
        PixelRows.store(out, 0, (y - first + 1) * width, bytesOut, first * outStride);
      }
      if (y == height - 1) {
        rowsAdler = adler;
      }
      rowsFinal = y + 1;
      if (hashAsYouGo && listener != null && (y & (BAND - 1)) == BAND - 1) {
        listener.bytesFinal((y + 1) * outStride);
      }
    }
  }

  /**
   * Of the first {@code rows} rows done, how many are in the output (a byte output: whole bands).
   */
  private int storedRows(int rows) {
    return bytesOut == null || rows == height ? rows : rows - rows % BAND;
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
        listener.bytesFinal(storedRows(rowsFinal) * outStride);
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
