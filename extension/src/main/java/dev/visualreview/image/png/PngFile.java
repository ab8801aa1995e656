package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.util.zip.CRC32;

/**
 * The chunk structure of a PNG file, validated: signature, chunk lengths, CRCs, chunk order, IHDR,
 * PLTE, tRNS, where the IDAT data lies, and IEND. Ancillary chunks other than tRNS are skipped
 * (their CRC is still checked: a damaged file is refused wherever the damage is).
 */
public final class PngFile {
  /** Largest PNG file accepted, as on the PostHog server. */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /** Largest pixel count accepted, as on the PostHog server. */
  public static final long MAX_PIXELS = 50_000_000L;

  /** zlib cannot expand data by more than about 1032:1; anything claiming more is truncated. */
  private static final long MAX_INFLATE_RATIO = 1032;

  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  private static final int IHDR = 0x49484452;
  private static final int PLTE = 0x504C5445;
  private static final int IDAT = 0x49444154;
  private static final int IEND = 0x49454E44;
  private static final int TRNS = 0x74524E53;

  final byte[] png;
  final PngHeader header;

  /** Palette as RGBA quadruples (alpha from tRNS, 255 where absent); null unless colour type 3. */
  final byte[] palette;

  final int paletteSize;

  /** Colour key from tRNS for grey (1 sample) or RGB (3 samples) images, or null. */
  final int[] colourKey;

  /** Offsets and lengths of the IDAT chunks' data, in file order. */
  final int[] idatOffsets;

  final int[] idatLengths;
  final int idatCount;
  final long idatBytes;

  private PngFile(
      byte[] png,
      PngHeader header,
      byte[] palette,
      int paletteSize,
      int[] colourKey,
      int[] idatOffsets,
      int[] idatLengths,
      int idatCount,
      long idatBytes) {
    this.png = png;
    this.header = header;
    this.palette = palette;
    this.paletteSize = paletteSize;
    this.colourKey = colourKey;
    this.idatOffsets = idatOffsets;
    this.idatLengths = idatLengths;
    this.idatCount = idatCount;
    this.idatBytes = idatBytes;
  }

  public PngHeader header() {
    return header;
  }

  /** Reads and validates the header of a PNG without touching its image data. */
  public static PngHeader readHeader(byte[] png) {
    checkSignature(png);
    if (png.length < 33) {
      throw truncated("the file ends inside the IHDR chunk");
    }
    if (PngHeader.readUnsigned(png, 8) != 13 || readInt(png, 12) != IHDR) {
      throw new InvalidImageException(
          "PNG does not start with an IHDR chunk of 13 bytes: the file is not a valid PNG");
    }
    checkCrc(png, 8, 13, IHDR);
    PngHeader header = PngHeader.parse(png, 16);
    checkLimits(header);
    return header;
  }

  /** Parses and validates the whole chunk structure. */
  public static PngFile parse(byte[] png) {
    PngHeader header = readHeader(png);
    int pos = 33;
    byte[] palette = null;
    int paletteSize = 0;
    int[] colourKey = null;
    int[] idatOffsets = new int[16];
    int[] idatLengths = new int[16];
    int idatCount = 0;
    long idatBytes = 0;
    boolean idatEnded = false;
    boolean sawTrns = false;
    while (true) {
      if (png.length - pos < 12) {
        throw truncated(
            idatCount == 0
                ? "the file ends before any IDAT (image data) chunk"
                : "the file ends before the IEND chunk");
      }
      long length = PngHeader.readUnsigned(png, pos);
      int type = readInt(png, pos + 4);
      checkChunkType(png, pos + 4);
      if (length > png.length - pos - 12L) {
        throw truncated(
            "chunk '"
                + typeName(type)
                + "' at offset "
                + pos
                + " declares "
                + length
                + " bytes but only "
                + Math.max(0, png.length - pos - 12L)
                + " remain");
      }
      int dataOff = pos + 8;
      int dataLen = (int) length;
      checkCrc(png, pos, dataLen, type);
      if (type != IDAT && idatCount > 0) {
        idatEnded = true;
      }
      switch (type) {
        case IHDR -> throw new InvalidImageException("PNG has a second IHDR chunk");
        case PLTE -> {
          if (idatCount > 0) {
            throw new InvalidImageException("PNG has its PLTE chunk after the image data");
          }
          if (palette != null) {
            throw new InvalidImageException("PNG has more than one PLTE chunk");
          }
          if (dataLen % 3 != 0 || dataLen == 0 || dataLen > 256 * 3) {
            throw new InvalidImageException(
                "PNG palette (PLTE) has " + dataLen + " bytes; expected 3 to 768, a multiple of 3");
          }
          paletteSize = dataLen / 3;
          if (header.colourType() == PngHeader.PALETTE && paletteSize > (1 << header.bitDepth())) {
            throw new InvalidImageException(
                "PNG palette has "
                    + paletteSize
                    + " entries, more than a "
                    + header.bitDepth()
                    + "-bit image can index");
          }
          palette = new byte[256 * 4];
          for (int i = 0; i < paletteSize; i++) {
            palette[4 * i] = png[dataOff + 3 * i];
            palette[4 * i + 1] = png[dataOff + 3 * i + 1];
            palette[4 * i + 2] = png[dataOff + 3 * i + 2];
            palette[4 * i + 3] = (byte) 255;
          }
        }
        case TRNS -> {
          if (idatCount > 0) {
            throw new InvalidImageException("PNG has its tRNS chunk after the image data");
          }
          if (sawTrns) {
            throw new InvalidImageException("PNG has more than one tRNS chunk");
          }
          sawTrns = true;
          colourKey = readTransparency(png, dataOff, dataLen, header, palette, paletteSize);
        }
        case IDAT -> {
          if (idatEnded) {
            throw new InvalidImageException(
                "PNG image data (IDAT) chunks are not consecutive: the file is damaged");
          }
          if (idatCount == idatOffsets.length) {
            idatOffsets = java.util.Arrays.copyOf(idatOffsets, idatCount * 2);
            idatLengths = java.util.Arrays.copyOf(idatLengths, idatCount * 2);
          }
          idatOffsets[idatCount] = dataOff;
          idatLengths[idatCount] = dataLen;
          idatCount++;
          idatBytes += dataLen;
        }
        case IEND -> {
          if (idatCount == 0) {
            throw new InvalidImageException("PNG has no IDAT (image data) chunk before IEND");
          }
          if (header.colourType() == PngHeader.PALETTE && palette == null) {
            throw new InvalidImageException("palette PNG has no PLTE (palette) chunk");
          }
          checkCompressedSize(header, idatBytes);
          return new PngFile(
              png,
              header,
              palette,
              paletteSize,
              colourKey,
              idatOffsets,
              idatLengths,
              idatCount,
              idatBytes);
        }
        default -> {
          if ((png[pos + 4] & 0x20) == 0) {
            throw new InvalidImageException(
                "PNG has an unknown critical chunk '"
                    + typeName(type)
                    + "' that this decoder cannot interpret");
          }
        }
      }
      pos = dataOff + dataLen + 4;
    }
  }

  private static int[] readTransparency(
      byte[] png, int off, int len, PngHeader header, byte[] palette, int paletteSize) {
    switch (header.colourType()) {
      case PngHeader.PALETTE -> {
        if (palette == null) {
          throw new InvalidImageException("PNG has its tRNS chunk before the PLTE chunk");
        }
        if (len > paletteSize) {
          throw new InvalidImageException(
              "PNG tRNS chunk has "
                  + len
                  + " alpha values for a palette of "
                  + paletteSize
                  + " entries");
        }
        for (int i = 0; i < len; i++) {
          palette[4 * i + 3] = png[off + i];
        }
        return null;
      }
      case PngHeader.GREY -> {
        if (len != 2) {
          throw new InvalidImageException("grey PNG tRNS chunk must have 2 bytes, has " + len);
        }
        return new int[] {readShort(png, off)};
      }
      case PngHeader.RGB -> {
        if (len != 6) {
          throw new InvalidImageException("RGB PNG tRNS chunk must have 6 bytes, has " + len);
        }
        return new int[] {readShort(png, off), readShort(png, off + 2), readShort(png, off + 4)};
      }
      default ->
          throw new InvalidImageException(
              "PNG has a tRNS chunk although its pixels already carry alpha (colour type "
                  + header.colourType()
                  + ")");
    }
  }

  private static void checkSignature(byte[] png) {
    if (png == null) {
      throw new InvalidImageException("no PNG bytes given (null)");
    }
    if (png.length > MAX_FILE_BYTES) {
      throw new InvalidImageException(
          "PNG file is "
              + png.length
              + " bytes, over the 64 MiB limit PostHog accepts: take a smaller screenshot");
    }
    if (png.length < SIGNATURE.length) {
      throw new InvalidImageException(
          png.length == 0
              ? "empty file: not a PNG image"
              : "file of " + png.length + " bytes is too short to be a PNG image");
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (png[i] != SIGNATURE[i]) {
        throw new InvalidImageException(
            "not a PNG image: bad signature (the first 8 bytes are not the PNG file signature)");
      }
    }
  }

  private static void checkLimits(PngHeader header) {
    if (header.pixelCount() > MAX_PIXELS) {
      throw new InvalidImageException(
          "PNG is "
              + header.width()
              + "x"
              + header.height()
              + " = "
              + header.pixelCount()
              + " pixels, over the limit of "
              + MAX_PIXELS
              + " pixels PostHog accepts: capture a smaller area");
    }
  }

  private static void checkCompressedSize(PngHeader header, long idatBytes) {
    long raw = header.rawDataLength();
    if (idatBytes * MAX_INFLATE_RATIO + 1024 < raw) {
      throw truncated(
          "its "
              + idatBytes
              + " bytes of compressed image data cannot hold the "
              + raw
              + " bytes a "
              + header.width()
              + "x"
              + header.height()
              + " image needs");
    }
  }

  private static void checkChunkType(byte[] png, int off) {
    for (int i = 0; i < 4; i++) {
      int c = png[off + i] & 0xFF;
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!letter) {
        throw new InvalidImageException(
            "PNG chunk at offset " + (off - 4) + " has an invalid type: the file is damaged");
      }
    }
  }

  private static void checkCrc(byte[] png, int chunkOff, int dataLen, int type) {
    CRC32 crc = new CRC32();
    crc.update(png, chunkOff + 4, dataLen + 4);
    long expected = PngHeader.readUnsigned(png, chunkOff + 8 + dataLen);
    if (crc.getValue() != expected) {
      throw new InvalidImageException(
          "PNG chunk '"
              + typeName(type)
              + "' at offset "
              + chunkOff
              + " has a bad CRC: the file is damaged");
    }
  }

  static InvalidImageException truncated(String detail) {
    return new InvalidImageException("PNG file is truncated: " + detail);
  }

  static int readInt(byte[] b, int off) {
    return (int) PngHeader.readUnsigned(b, off);
  }

  private static int readShort(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  static String typeName(int type) {
    char[] c = {
      (char) ((type >>> 24) & 0xFF),
      (char) ((type >>> 16) & 0xFF),
      (char) ((type >>> 8) & 0xFF),
      (char) (type & 0xFF)
    };
    return new String(c);
  }
}
