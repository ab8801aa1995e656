package dev.visualreview.junit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.image.ContentHash;
import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.RgbaImage;
import java.util.List;
import java.util.Map;

/**
 * Loads, on a background daemon thread, code that a suite's first capture runs (Jackson, which the
 * run's start and the reports use, and PNG encoding, decoding and hashing) while its first visual
 * test class is still starting its browser. In a fresh JVM loading that code costs a few hundred
 * milliseconds, which the test thread would otherwise spend in its first capture. It works on a
 * tiny image and a small JSON value only and has no effect outside the JVM; if it fails, the same
 * code is simply loaded when it is first used.
 */
final class Warmup {
  private Warmup() {}

  /** Starts the warm-up on a daemon thread (it never keeps the JVM alive) and returns it. */
  static Thread start() {
    Thread thread = new Thread(Warmup::run, "visual-review warm-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void run() {
    try {
      ObjectMapper json = new ObjectMapper();
      json.readTree(json.writeValueAsString(Map.of("warm", List.of(1, "up", true, 0.5))));
      ContentHash.of(PngEncoder.encode(new RgbaImage(2, 2, new byte[16])));
    } catch (Exception | LinkageError e) {
      // Nothing is lost: the code loads when the suite first uses it, and fails there if it must.
    }
  }
}
