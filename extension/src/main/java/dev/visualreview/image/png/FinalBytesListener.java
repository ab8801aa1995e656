package dev.visualreview.image.png;

/** Told, possibly from several threads, that the decoded pixels are final up to a byte offset. */
public interface FinalBytesListener {
  /** Bytes {@code [0, finalEnd)} of the pixel buffer will not change any more. */
  void bytesFinal(int finalEnd);
}
