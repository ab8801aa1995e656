package dev.visualreview.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Test helper: writes PNG files by hand (chunks, CRC32, Deflater), for every colour type, bit
 * depth, filter type and Adam7 interlacing, including the ones ImageIO cannot write.
 */
final class PngBuilder {
  private static final int[] START_X = {0, 4, 0, 2, 0, 1, 0};
  private static final int[] START_Y = {0, 0, 4, 0, 2, 0, 1};
  private static final int[] STEP_X = {8, 8, 4, 4, 2, 2, 1};
  private static final int[] STEP_Y = {8, 8, 8, 4, 4, 2, 2};

  private final int width;
  private final int height;
  private final int colourType;
  private final int bitDepth;
  private int[] samples;
  private boolean interlaced;
  private byte[] palette;
  private byte[] trns;
  private final List<byte[]> extraChunks = new ArrayList<>();
  private IntUnaryOperator filterForRow = row -> row % 5;
  private int idatChunkSize = Integer.MAX_VALUE;
  private int level = Deflater.DEFAULT_COMPRESSION;

  PngBuilder(int width, int height, int colourType, int bitDepth) {
    this.width = width;
    this.height = height;
    this.colourType = colourType;
    this.bitDepth = bitDepth;
  }

  static int channels(int colourType) {
    return switch (colourType) {
      case 0, 3 -> 1;
      case 4 -> 2;
      case 2 -> 3;
      default -> 4;
    };
  }

  /** Raw sample values, {@code width * height * channels} of them, row-major. */
  PngBuilder samples(int[] samples) {
    this.samples = samples;
    return this;
  }

  PngBuilder interlaced() {
    this.interlaced = true;
    return this;
  }

  PngBuilder palette(byte[] rgb) {
    this.palette = rgb;
    return this;
  }

  PngBuilder trns(byte[] trns) {
    this.trns = trns;
    return this;
  }

  PngBuilder chunk(String type, byte[] data) {
    extraChunks.add(chunkBytes(type, data));
    return this;
  }

  PngBuilder filters(IntUnaryOperator filterForRow) {
    this.filterForRow = filterForRow;
    return this;
  }

  PngBuilder idatChunkSize(int size) {
    this.idatChunkSize = size;
    return this;
  }

  PngBuilder level(int level) {
    this.level = level;
    return this;
  }

  /** The zlib stream of the filtered scanlines. */
  byte[] compressedImageData() {
    return deflate(scanlines());
  }

  byte[] scanlines() {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int channels = channels(colourType);
    int bpp = Math.max(1, channels * bitDepth / 8);
    int passes = interlaced ? 7 : 1;
    int rowIndex = 0;
    for (int pass = 0; pass < passes; pass++) {
      int sx = interlaced ? START_X[pass] : 0;
      int sy = interlaced ? START_Y[pass] : 0;
      int dx = interlaced ? STEP_X[pass] : 1;
      int dy = interlaced ? STEP_Y[pass] : 1;
      int pw = (width - sx + dx - 1) / dx;
      int ph = (height - sy + dy - 1) / dy;
      if (pw <= 0 || ph <= 0) {
        continue;
      }
      int rowLen = (pw * channels * bitDepth + 7) / 8;
      byte[] prev = new byte[rowLen];
      for (int py = 0; py < ph; py++) {
        byte[] row = new byte[rowLen];
        int y = sy + py * dy;
        int bit = 0;
        for (int px = 0; px < pw; px++) {
          int x = sx + px * dx;
          for (int c = 0; c < channels; c++) {
            int v = samples[(y * width + x) * channels + c];
            if (bitDepth == 16) {
              row[bit / 8] = (byte) (v >> 8);
              row[bit / 8 + 1] = (byte) v;
            } else if (bitDepth == 8) {
              row[bit / 8] = (byte) v;
            } else {
              row[bit / 8] |= (byte) (v << (8 - bitDepth - (bit % 8)));
            }
            bit += bitDepth;
          }
        }
        int filter = filterForRow.applyAsInt(rowIndex++);
        raw.write(filter);
        raw.writeBytes(filter(filter, row, prev, bpp));
        prev = row;
      }
    }
    return raw.toByteArray();
  }

  byte[] build() {
    return assemble(compressedImageData());
  }

  /** A PNG whose IDAT holds {@code zlib} (possibly wrong on purpose). */
  byte[] assemble(byte[] zlib) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(signature());
    out.writeBytes(chunkBytes("IHDR", ihdr()));
    for (byte[] c : extraChunks) {
      out.writeBytes(c);
    }
    if (palette != null) {
      out.writeBytes(chunkBytes("PLTE", palette));
    }
    if (trns != null) {
      out.writeBytes(chunkBytes("tRNS", trns));
    }
    for (int off = 0; off < zlib.length; off += idatChunkSize) {
      int len = Math.min(idatChunkSize, zlib.length - off);
      byte[] part = new byte[len];
      System.arraycopy(zlib, off, part, 0, len);
      out.writeBytes(chunkBytes("IDAT", part));
    }
    out.writeBytes(chunkBytes("IEND", new byte[0]));
    return out.toByteArray();
  }

  byte[] ihdr() {
    return new byte[] {
      (byte) (width >>> 24),
      (byte) (width >>> 16),
      (byte) (width >>> 8),
      (byte) width,
      (byte) (height >>> 24),
      (byte) (height >>> 16),
      (byte) (height >>> 8),
      (byte) height,
      (byte) bitDepth,
      (byte) colourType,
      0,
      0,
      (byte) (interlaced ? 1 : 0)
    };
  }

  static byte[] signature() {
    return new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  }

  static byte[] chunkBytes(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, data.length);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    writeInt(out, (int) crc.getValue());
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(level);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      int n = deflater.deflate(buf);
      out.write(buf, 0, n);
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] filter(int type, byte[] row, byte[] prev, int bpp) {
    byte[] f = new byte[row.length];
    for (int i = 0; i < row.length; i++) {
      int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
      int b = prev[i] & 0xFF;
      int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
      int x = row[i] & 0xFF;
      int predicted =
          switch (type) {
            case 0 -> 0;
            case 1 -> a;
            case 2 -> b;
            case 3 -> (a + b) / 2;
            case 4 -> paeth(a, b, c);
            default -> throw new IllegalArgumentException("filter " + type);
          };
      f[i] = (byte) (x - predicted);
    }
    return f;
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }
}
