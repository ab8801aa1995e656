package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Inflates a whole zlib stream (RFC 1950/1951) from memory into a buffer of known size, reporting
 * progress so that another thread can work on the bytes behind it.
 *
 * <p>Why not {@link java.util.zip.Inflater}: screenshots compress 7-120:1, so inflating them is
 * mostly copying matches, and the system zlib copies matches a few bytes at a time. Here long
 * matches are {@link System#arraycopy} and runs are {@link Arrays#fill}; Huffman codes are decoded
 * with one table lookup (two for rare long codes) from a 64-bit bit buffer refilled eight bytes at
 * a time. On browser screenshots this is several times faster than the system zlib.
 *
 * <p>Once the output is full it reads the end of the stream: the rest of the current block, which
 * must end there, and the Adler-32 checksum after the last block ({@link #storedAdler()}), which
 * the caller compares with the checksum of the inflated bytes (computed on the thread that reads
 * them anyway). A stream that holds more data than the output needs is not inflated further; its
 * checksum is then left to the caller ({@link #storedAdler()} is −1). It never reads outside its
 * input (an input that ends early is reported as truncated) and never writes outside the output
 * range.
 */
final class ZlibInflater {
  /** Told how many leading output bytes are final; called from the inflating thread. */
  interface Progress {
    void inflated(int end);
  }

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Zero bytes appended to the input so the fast refill may always load eight bytes. */
  static final int INPUT_PADDING = 8;

  private static final int LITLEN_BITS = 10;
  private static final int DIST_BITS = 8;
  private static final int CODELEN_BITS = 7;
  private static final int MAX_MATCH = 258;
  private static final int PROGRESS_STEP = 32 * 1024;

  // A decode table entry: bits 0-3 code length (or subtable index bits), 4-7 extra bits,
  // 8-10 kind, 16-31 value (literal byte, length or distance base, or subtable offset).
  private static final int LITERAL = 0;
  private static final int LENGTH = 1 << 8;
  private static final int END_OF_BLOCK = 2 << 8;
  private static final int SUBTABLE = 3 << 8;
  private static final int INVALID = 4 << 8;
  private static final int KIND = 7 << 8;

  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DIST_BASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577
  };
  private static final int[] DIST_EXTRA = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
  };
  private static final int[] CODELEN_ORDER = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
  };

  private static final int[] FIXED_LITLEN = new int[(1 << LITLEN_BITS) + 288 * 32];
  private static final int[] FIXED_DIST = new int[(1 << DIST_BITS) + 32 * 128];

  static {
    int[] lens = new int[288];
    Arrays.fill(lens, 0, 144, 8);
    Arrays.fill(lens, 144, 256, 9);
    Arrays.fill(lens, 256, 280, 7);
    Arrays.fill(lens, 280, 288, 8);
    buildTable(lens, 288, LITLEN_BITS, FIXED_LITLEN, ZlibInflater::litlenEntry);
    int[] dist = new int[32];
    Arrays.fill(dist, 5);
    buildTable(dist, 32, DIST_BITS, FIXED_DIST, ZlibInflater::distEntry);
  }

  private final byte[] in;
  private final int inEnd;
  private int inPos;
  private long bitBuf;
  private int bitCount;

  private final int[] litlenTable = new int[FIXED_LITLEN.length];
  private final int[] distTable = new int[FIXED_DIST.length];

  /** The literal/length table of the block the output filled up in, while it has not ended. */
  private int[] openBlock;

  /** Whether the last match or stored block went on past the end of the output. */
  private boolean overran;

  private long storedAdler = -1;

  /**
   * @param in the zlib stream in {@code [0, length)}, followed by at least {@link #INPUT_PADDING}
   *     zero bytes
   */
  ZlibInflater(byte[] in, int length) {
    if (in.length < length + INPUT_PADDING) {
      throw new IllegalArgumentException("the input needs " + INPUT_PADDING + " bytes of padding");
    }
    this.in = in;
    this.inEnd = length;
  }

  /** Fills {@code out[off, off + len)} with the start of the inflated stream, or throws. */
  void inflate(byte[] out, int off, int len, Progress progress) {
    java.util.Objects.checkFromIndexSize(off, len, out.length);
    readZlibHeader();
    int pos = off;
    int end = off + len;
    boolean last = false;
    while (pos < end) {
      if (last) {
        throw PngFile.truncated("the compressed image data ends before the last row");
      }
      checkNotPastInput();
      refill();
      last = (bitBuf & 1) != 0;
      int type = (int) (bitBuf >>> 1) & 3;
      consume(3);
      openBlock = null;
      switch (type) {
        case 0 -> pos = storedBlock(out, pos, end, progress);
        case 1 -> pos = huffmanBlock(FIXED_LITLEN, FIXED_DIST, out, off, pos, end, progress);
        case 2 -> {
          readDynamicTables();
          pos = huffmanBlock(litlenTable, distTable, out, off, pos, end, progress);
        }
        default -> throw corrupt("a deflate block has the reserved type 3");
      }
    }
    checkNotPastInput();
    progress.inflated(end);
    if (!overran && (openBlock == null || endOfBlockFollows(openBlock))) {
      storedAdler = readTrailer(last);
    }
  }

  /**
   * The Adler-32 stored after the stream, once {@link #inflate} has filled its output; −1 when the
   * stream holds more data than the output took (its checksum covers that data too).
   */
  long storedAdler() {
    return storedAdler;
  }

  /** Reads the next code of a Huffman block and tells whether it is the end of the block. */
  private boolean endOfBlockFollows(int[] litlen) {
    refill();
    int e = litlen[(int) bitBuf & ((1 << LITLEN_BITS) - 1)];
    int bits = LITLEN_BITS;
    if ((e & KIND) == SUBTABLE) {
      e = litlen[(e >>> 16) + ((int) (bitBuf >>> LITLEN_BITS) & ((1 << (e & 15)) - 1))];
    } else {
      bits = 0;
    }
    if ((e & KIND) != END_OF_BLOCK) {
      return false;
    }
    consume(bits + (e & 15));
    return true;
  }

  /**
   * After the block the output ended in: further blocks that add no data (an encoder's final empty
   * block), then the checksum. Returns −1 when a block adds data.
   */
  private long readTrailer(boolean last) {
    while (!last) {
      checkNotPastInput();
      refill();
      last = (bitBuf & 1) != 0;
      int type = (int) (bitBuf >>> 1) & 3;
      consume(3);
      switch (type) {
        case 0 -> {
          consume(bitCount & 7);
          refill();
          int n = (int) bitBuf & 0xFFFF;
          if ((n ^ 0xFFFF) != ((int) (bitBuf >>> 16) & 0xFFFF)) {
            throw corrupt("a stored deflate block has a damaged length");
          }
          consume(32);
          if (n != 0) {
            return -1;
          }
        }
        case 1 -> {
          if (!endOfBlockFollows(FIXED_LITLEN)) {
            return -1;
          }
        }
        case 2 -> {
          readDynamicTables();
          if (!endOfBlockFollows(litlenTable)) {
            return -1;
          }
        }
        default -> throw corrupt("a deflate block has the reserved type 3");
      }
    }
    consume(bitCount & 7);
    refill();
    long adler = 0;
    for (int i = 0; i < 4; i++) {
      adler = adler << 8 | (bitBuf & 0xFF);
      consume(8);
    }
    if (inPos - (bitCount >>> 3) > inEnd) {
      throw PngFile.truncated("the compressed image data ends before its Adler-32 checksum");
    }
    return adler;
  }

  private void readZlibHeader() {
    if (inEnd < 2) {
      throw PngFile.truncated("the compressed image data ends before the last row");
    }
    int cmf = in[0] & 0xFF;
    int flg = in[1] & 0xFF;
    if ((cmf & 0x0F) != 8 || (cmf >>> 4) > 7 || ((cmf << 8) | flg) % 31 != 0) {
      throw corrupt("the zlib header is invalid");
    }
    if ((flg & 0x20) != 0) {
      throw new InvalidImageException(
          "PNG image data asks for a preset zlib dictionary, which PNG does not allow");
    }
    inPos = 2;
  }

  private int storedBlock(byte[] out, int pos, int end, Progress progress) {
    consume(bitCount & 7);
    refill();
    int n = (int) bitBuf & 0xFFFF;
    int check = (int) (bitBuf >>> 16) & 0xFFFF;
    consume(32);
    if ((n ^ 0xFFFF) != check) {
      throw corrupt("a stored deflate block has a damaged length");
    }
    inPos -= bitCount >>> 3; // hand the whole bytes left in the bit buffer back to the input
    bitBuf = 0;
    bitCount = 0;
    if (inPos + n > inEnd) {
      throw PngFile.truncated("the compressed image data ends before the last row");
    }
    int copy = Math.min(n, end - pos);
    overran = copy < n;
    System.arraycopy(in, inPos, out, pos, copy);
    inPos += n;
    progress.inflated(pos + copy);
    return pos + copy;
  }

  private int huffmanBlock(
      int[] litlen, int[] dist, byte[] out, int off, int pos, int end, Progress progress) {
    final byte[] in = this.in;
    final int fastInEnd = in.length - 8;
    long bits = bitBuf;
    int count = bitCount;
    int inP = inPos;
    int nextReport = Math.min(pos + PROGRESS_STEP, end);
    // Up to here a match may be copied eight bytes at a time, writing up to 7 bytes past its
    // end: those bytes lie inside the range and are overwritten by the output that follows.
    final int wordCopyEnd = end - MAX_MATCH - 8;
    while (true) {
      // Refill to at least 56 bits: enough for a length code, its extra bits, a distance code
      // and its extra bits (at most 15 + 5 + 15 + 13 = 48).
      if (inP <= fastInEnd) {
        bits |= (long) LE_LONG.get(in, inP) << count;
        inP += (63 - count) >>> 3;
        count |= 56;
      } else {
        while (count <= 56) {
          bits |= (long) (inP < in.length ? in[inP] & 0xFF : 0) << count;
          inP++;
          count += 8;
        }
        if (inP - (count >>> 3) > inEnd) {
          throw PngFile.truncated("the compressed image data ends before the last row");
        }
      }
      int e = litlen[(int) bits & ((1 << LITLEN_BITS) - 1)];
      if ((e & KIND) == SUBTABLE) {
        bits >>>= LITLEN_BITS;
        count -= LITLEN_BITS;
        e = litlen[(e >>> 16) + ((int) bits & ((1 << (e & 15)) - 1))];
      }
      int kind = e & KIND;
      int codeLen = e & 15;
      bits >>>= codeLen;
      count -= codeLen;
      if (kind == LITERAL) {
        out[pos++] = (byte) (e >>> 16);
        if (pos >= nextReport) {
          if (pos == end) {
            openBlock = litlen;
            break;
          }
          progress.inflated(pos);
          nextReport = Math.min(pos + PROGRESS_STEP, end);
        }
        continue;
      }
      if (kind != LENGTH) {
        if (kind == END_OF_BLOCK) {
          break;
        }
        throw corrupt("the compressed image data uses an undefined Huffman code");
      }
      int extra = (e >>> 4) & 15;
      int length = (e >>> 16) + ((int) bits & ((1 << extra) - 1));
      bits >>>= extra;
      count -= extra;
      int d = dist[(int) bits & ((1 << DIST_BITS) - 1)];
      if ((d & KIND) == SUBTABLE) {
        bits >>>= DIST_BITS;
        count -= DIST_BITS;
        d = dist[(d >>> 16) + ((int) bits & ((1 << (d & 15)) - 1))];
      }
      if ((d & KIND) != LITERAL) {
        throw corrupt("the compressed image data uses an undefined distance code");
      }
      int dLen = d & 15;
      bits >>>= dLen;
      count -= dLen;
      int dExtra = (d >>> 4) & 15;
      int distance = (d >>> 16) + ((int) bits & ((1 << dExtra) - 1));
      bits >>>= dExtra;
      count -= dExtra;
      int from = pos - distance;
      if (from < off) {
        throw corrupt("the compressed image data refers back before its start");
      }
      if (pos <= wordCopyEnd) {
        copyMatchInWords(out, from, pos, length, distance);
      } else {
        copyMatch(out, from, pos, Math.min(length, end - pos), distance);
      }
      if (pos + length > end) {
        overran = true;
      }
      pos = Math.min(pos + length, end);
      if (pos >= nextReport) {
        if (pos == end) {
          openBlock = litlen;
          break;
        }
        progress.inflated(pos);
        nextReport = Math.min(pos + PROGRESS_STEP, end);
      }
    }
    bitBuf = bits;
    bitCount = count;
    inPos = inP;
    return pos;
  }

  private static void copyMatchInWords(byte[] out, int from, int to, int length, int distance) {
    if (distance >= 8) {
      for (int i = 0; i < length; i += 8) {
        LE_LONG.set(out, to + i, (long) LE_LONG.get(out, from + i));
      }
    } else if (distance == 1) {
      long run = (out[from] & 0xFFL) * 0x0101010101010101L;
      for (int i = 0; i < length; i += 8) {
        LE_LONG.set(out, to + i, run);
      }
    } else {
      for (int i = 0; i < length; i++) {
        out[to + i] = out[from + i];
      }
    }
  }

  private static void copyMatch(byte[] out, int from, int to, int length, int distance) {
    if (distance >= length) {
      if (length <= 16) {
        for (int i = 0; i < length; i++) {
          out[to + i] = out[from + i];
        }
      } else {
        System.arraycopy(out, from, out, to, length);
      }
    } else if (distance == 1) {
      Arrays.fill(out, to, to + length, out[from]);
    } else {
      // Overlapping: the last `distance` bytes repeat. Each copy doubles the stretch of finished
      // pattern that the next copy may read from, and keeps whole periods, so it stays aligned.
      int done = 0;
      int available = distance;
      while (done < length) {
        int n = Math.min(available, length - done);
        System.arraycopy(out, from, out, to + done, n);
        done += n;
        available += n;
      }
    }
  }

  private void readDynamicTables() {
    refill();
    int litCount = ((int) bitBuf & 31) + 257;
    int distCount = ((int) (bitBuf >>> 5) & 31) + 1;
    int codeLenCount = ((int) (bitBuf >>> 10) & 15) + 4;
    consume(14);
    if (litCount > 286 || distCount > 30) {
      throw corrupt("a deflate block declares too many Huffman codes");
    }
    int[] codeLenLens = new int[19];
    for (int i = 0; i < codeLenCount; i++) {
      refill();
      codeLenLens[CODELEN_ORDER[i]] = (int) bitBuf & 7;
      consume(3);
    }
    int[] codeLenTable = new int[1 << CODELEN_BITS];
    buildTable(codeLenLens, 19, CODELEN_BITS, codeLenTable, ZlibInflater::plainEntry);
    int[] lens = new int[litCount + distCount];
    for (int i = 0; i < lens.length; ) {
      refill();
      int e = codeLenTable[(int) bitBuf & ((1 << CODELEN_BITS) - 1)];
      if ((e & KIND) != LITERAL) {
        throw corrupt("a deflate block has an undefined code-length code");
      }
      consume(e & 15);
      int symbol = e >>> 16;
      if (symbol < 16) {
        lens[i++] = symbol;
        continue;
      }
      int repeat;
      int value = 0;
      if (symbol == 16) {
        if (i == 0) {
          throw corrupt("a deflate block repeats a code length before the first one");
        }
        value = lens[i - 1];
        repeat = 3 + ((int) bitBuf & 3);
        consume(2);
      } else if (symbol == 17) {
        repeat = 3 + ((int) bitBuf & 7);
        consume(3);
      } else {
        repeat = 11 + ((int) bitBuf & 127);
        consume(7);
      }
      if (i + repeat > lens.length) {
        throw corrupt("a deflate block's code lengths overrun their table");
      }
      Arrays.fill(lens, i, i + repeat, value);
      i += repeat;
    }
    if (lens[256] == 0) {
      throw corrupt("a deflate block has no end-of-block code");
    }
    buildTable(lens, litCount, LITLEN_BITS, litlenTable, ZlibInflater::litlenEntry);
    int[] distLens = Arrays.copyOfRange(lens, litCount, lens.length);
    buildTable(distLens, distCount, DIST_BITS, distTable, ZlibInflater::distEntry);
  }

  private interface EntryMaker {
    /** The entry for {@code symbol} with {@code codeLen} bits to consume. */
    int entry(int symbol, int codeLen);
  }

  private static int plainEntry(int symbol, int codeLen) {
    return (symbol << 16) | LITERAL | codeLen;
  }

  private static int litlenEntry(int symbol, int codeLen) {
    if (symbol < 256) {
      return (symbol << 16) | LITERAL | codeLen;
    }
    if (symbol == 256) {
      return END_OF_BLOCK | codeLen;
    }
    int i = symbol - 257;
    if (i >= LENGTH_BASE.length) {
      return INVALID | codeLen;
    }
    return (LENGTH_BASE[i] << 16) | LENGTH | (LENGTH_EXTRA[i] << 4) | codeLen;
  }

  private static int distEntry(int symbol, int codeLen) {
    if (symbol >= DIST_BASE.length) {
      return INVALID | codeLen;
    }
    return (DIST_BASE[symbol] << 16) | LITERAL | (DIST_EXTRA[symbol] << 4) | codeLen;
  }

  /**
   * Builds a canonical Huffman decode table: a primary table indexed by the next {@code
   * primaryBits} input bits, and for longer codes subtables indexed by the bits after those. Unused
   * slots (an incomplete code) decode as invalid; an over-subscribed code is refused.
   */
  private static void buildTable(
      int[] lens, int n, int primaryBits, int[] table, EntryMaker maker) {
    int[] countPerLen = new int[16];
    for (int s = 0; s < n; s++) {
      countPerLen[lens[s]]++;
    }
    countPerLen[0] = 0;
    int left = 1;
    for (int len = 1; len <= 15; len++) {
      left = (left << 1) - countPerLen[len];
      if (left < 0) {
        throw corrupt("a deflate block has an over-subscribed Huffman code");
      }
    }
    int[] nextCode = new int[16];
    for (int len = 1, code = 0; len <= 15; len++) {
      code = (code + countPerLen[len - 1]) << 1;
      nextCode[len] = code;
    }
    int primarySize = 1 << primaryBits;
    Arrays.fill(table, 0, primarySize, INVALID);
    int[] codes = new int[n];
    int[] subBits = new int[primarySize];
    for (int s = 0; s < n; s++) {
      int len = lens[s];
      if (len == 0) {
        continue;
      }
      codes[s] = reverse(nextCode[len]++, len);
      if (len > primaryBits) {
        int prefix = codes[s] & (primarySize - 1);
        subBits[prefix] = Math.max(subBits[prefix], len - primaryBits);
      }
    }
    int next = primarySize;
    for (int prefix = 0; prefix < primarySize; prefix++) {
      if (subBits[prefix] > 0) {
        int size = 1 << subBits[prefix];
        Arrays.fill(table, next, next + size, INVALID);
        table[prefix] = (next << 16) | SUBTABLE | subBits[prefix];
        next += size;
      }
    }
    for (int s = 0; s < n; s++) {
      int len = lens[s];
      if (len == 0) {
        continue;
      }
      int code = codes[s];
      if (len <= primaryBits) {
        int e = maker.entry(s, len);
        for (int i = code; i < primarySize; i += 1 << len) {
          table[i] = e;
        }
      } else {
        int sub = table[code & (primarySize - 1)];
        int start = sub >>> 16;
        int size = 1 << (sub & 15);
        int rest = len - primaryBits;
        int e = maker.entry(s, rest);
        for (int i = code >>> primaryBits; i < size; i += 1 << rest) {
          table[start + i] = e;
        }
      }
    }
  }

  private static int reverse(int code, int len) {
    return Integer.reverse(code) >>> (32 - len);
  }

  private void refill() {
    while (bitCount <= 56) {
      bitBuf |= (long) (inPos < in.length ? in[inPos] & 0xFF : 0) << bitCount;
      inPos++;
      bitCount += 8;
    }
  }

  private void consume(int n) {
    bitBuf >>>= n;
    bitCount -= n;
  }

  /** Refuses to go on once the bits taken so far include bytes beyond the input's end. */
  private void checkNotPastInput() {
    if (inPos - (bitCount >>> 3) > inEnd) {
      throw PngFile.truncated("the compressed image data ends before the last row");
    }
  }

  private static InvalidImageException corrupt(String detail) {
    return new InvalidImageException(
        "PNG image data is corrupt (" + detail + "): the file is damaged");
  }
}
