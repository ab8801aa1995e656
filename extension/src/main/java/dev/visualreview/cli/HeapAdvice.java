package dev.visualreview.cli;

import java.util.Locale;

/**
 * Words for an {@link OutOfMemoryError}: how much heap the work needed (estimated from the image
 * sizes), how much this JVM may use, and the command line that gives it more.
 */
final class HeapAdvice {
  private static final long MB = 1024 * 1024;

  private HeapAdvice() {}

  /**
   * "needs about N MB of heap, but Java may use at most M MB here: run it with more heap, e.g.
   * {@code java -Xmx..m -jar visual-review.jar <command> ...}".
   */
  static String advice(long neededBytes, String command) {
    long max = Runtime.getRuntime().maxMemory();
    long neededMb = Math.max(1, (neededBytes + MB - 1) / MB);
    // room for the JVM's own use and for the other inputs: one and a half times, in 256 MB steps
    long suggestMb = Math.max(512, ((neededMb * 3 / 2) + 255) / 256 * 256);
    return String.format(
        Locale.ROOT,
        "needs about %,d MB of heap, but Java may use at most %,d MB here: run it with more heap,"
            + " e.g. java -Xmx%dm -jar visual-review.jar %s ...",
        neededMb,
        max / MB,
        suggestMb,
        command);
  }

  /** Bytes to decode a PNG of this size: its RGBA pixels plus the inflated scanlines. */
  static long decodeBytes(long width, long height) {
    return width * height * 4 + height * (width * 8 + 1);
  }
}
