package dev.visualreview.image;

import dev.visualreview.storage.LocalSecret;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper run in a separate JVM: hashes one file through a cache directory, many times; the
 * arguments are the cache directory, the PNG and the secret file.
 */
public final class HashCacheWriterMain {
  private HashCacheWriterMain() {}

  public static void main(String[] args) throws Exception {
    byte[] png = Files.readAllBytes(Path.of(args[1]));
    ImageHash hash = null;
    for (int i = 0; i < 50; i++) {
      hash = HashCache.open(Path.of(args[0]), LocalSecret.at(Path.of(args[2]))).hashOf(png);
    }
    System.out.println(hash.contentHash());
  }
}
