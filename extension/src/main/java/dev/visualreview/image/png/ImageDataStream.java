package dev.visualreview.image.png;

import dev.visualreview.image.InvalidImageException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates the concatenated IDAT chunks on demand, straight into the caller's buffers. */
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
      throw new InvalidImageException(
          "PNG image data is corrupt (" + e.getMessage() + "): the file is damaged", e);
    }
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
   */
  void inflateAll(byte[] buf, int off, int len, ZlibInflater.Progress progress) {
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
    new ZlibInflater(all, total).inflate(buf, off, len, progress);
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
