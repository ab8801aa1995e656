package dev.visualreview.image;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper run in a separate JVM: hashes one file through a cache directory, many times. */
public final class HashCacheWriterMain {
  private HashCacheWriterMain() {}

  public static void main(String[] args) throws Exception {
    byte[] png = Files.readAllBytes(Path.of(args[1]));
    ImageHash hash = null;
    for (int i = 0; i < 50; i++) {
      hash = HashCache.open(Path.of(args[0])).hashOf(png);
    }
    System.out.println(hash.contentHash());
  }
}
