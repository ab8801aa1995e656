package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the concatenated IDAT chunks on demand, straight into the caller's buffers, and checks
 * the zlib stream's Adler-32 checksum once the image is read ({@link #finish}).
 */
final class ImageDataStream implements AutoCloseable {
  private final PngFile file;
  private final Inflater inflater = new Inflater();
  private int nextChunk;

  ImageDataStream(PngFile file) {
    this.file = file;
  }

  /** Fills exactly {@code len} bytes of {@code buf} from {@code off}, or throws. */
  void readFully(byte[] buf, int off, int len) {
    int stalls = 0;
    try {
      while (len > 0) {
        int n = inflater.inflate(buf, off, len);
        off += n;
        len -= n;
        if (n == 0) {
          if (inflater.finished()) {
            throw PngFile.truncated("the compressed image data ends before the last row");
          }
          if (inflater.needsDictionary()) {
            throw new InvalidImageException(
                "PNG image data asks for a preset zlib dictionary, which PNG does not allow");
          }
          if (inflater.needsInput()) {
            if (nextChunk == file.idatCount) {
              throw PngFile.truncated("the compressed image data ends before the last row");
            }
            setNextInput();
          } else if (++stalls > 2) {
            throw new InvalidImageException(
                "PNG image data cannot be inflated: the file is damaged");
          }
        } else {
          stalls = 0;
        }
      }
    } catch (DataFormatException e) {
      throw corrupt(e);
    }
  }

  /**
   * Reads the rest of the stream after the image (normally only its end and checksum; data beyond
   * what the image needs is inflated and dropped), so that zlib verifies the Adler-32 checksum of
   * everything inflated. Refuses a stream that ends before its checksum or fails it.
   */
  void finish() {
    byte[] scratch = new byte[8192];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(scratch);
        if (n == 0 && !inflater.finished()) {
          if (inflater.needsInput()) {
            if (nextChunk == file.idatCount) {
              throw PngFile.truncated(
                  "the compressed image data ends before its Adler-32 checksum");
            }
            setNextInput();
          } else if (inflater.needsDictionary()) {
            throw new InvalidImageException(
                "PNG image data asks for a preset zlib dictionary, which PNG does not allow");
          }
        }
      }
    } catch (DataFormatException e) {
      throw corrupt(e);
    }
  }

  private static InvalidImageException corrupt(DataFormatException e) {
    if ("incorrect data check".equals(e.getMessage())) {
      return new InvalidImageException(
          "PNG image data fails its zlib checksum (Adler-32): the file is damaged; take the"
              + " screenshot again",
          e);
    }
    return new InvalidImageException(
        "PNG image data is corrupt (" + e.getMessage() + "): the file is damaged", e);
  }

  /**
   * Gives zlib all remaining IDAT data at once (browsers split it into 4-8 KiB chunks): one input
   * buffer means one inflate call per output slice instead of one per chunk.
   */
  private void setNextInput() {
    if (nextChunk == 0 && file.idatCount > 1) {
      byte[] all = new byte[Math.toIntExact(file.idatBytes)];
      int pos = 0;
      for (int i = 0; i < file.idatCount; i++) {
        System.arraycopy(file.png, file.idatOffsets[i], all, pos, file.idatLengths[i]);
        pos += file.idatLengths[i];
      }
      inflater.setInput(all, 0, pos);
      nextChunk = file.idatCount;
    } else {
      inflater.setInput(file.png, file.idatOffsets[nextChunk], file.idatLengths[nextChunk]);
      nextChunk++;
    }
  }

  /**
   * Inflates the start of the image data into {@code buf[off, off + len)} in one go with {@link
   * ZlibInflater}, telling {@code progress} as the bytes become final. Only for a fresh stream.
   *
   * @return the Adler-32 checksum stored at the end of the stream, for the caller to compare with
   *     the inflated bytes'; −1 when the stream holds more data than {@code len} bytes (then call
   *     {@link #verifyWholeStream})
   */
  long inflateAll(byte[] buf, int off, int len, ZlibInflater.Progress progress) {
    if (nextChunk != 0) {
      throw new IllegalStateException("inflateAll needs a fresh stream");
    }
    int total = Math.toIntExact(file.idatBytes);
    byte[] all = new byte[total + ZlibInflater.INPUT_PADDING];
    int pos = 0;
    for (int i = 0; i < file.idatCount; i++) {
      System.arraycopy(file.png, file.idatOffsets[i], all, pos, file.idatLengths[i]);
      pos += file.idatLengths[i];
    }
    nextChunk = file.idatCount;
    ZlibInflater inflater = new ZlibInflater(all, total);
    inflater.inflate(buf, off, len, progress);
    return inflater.storedAdler();
  }

  /**
   * Inflates the whole image data once more with the system zlib, which checks the stream's
   * checksum: for the rare stream that holds more data than its image needs.
   */
  void verifyWholeStream() {
    try (ImageDataStream again = new ImageDataStream(file)) {
      again.finish();
    }
  }

  /** Reads one byte (a scanline's filter type). */
  int readByte(byte[] scratch) {
    readFully(scratch, 0, 1);
    return scratch[0] & 0xFF;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
