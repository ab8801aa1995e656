package dev.visualreview.cli;

import dev.visualreview.image.ContentHash;
import dev.visualreview.image.ImageHash;
import dev.visualreview.image.InvalidImageException;
import dev.visualreview.image.png.PngFile;
import dev.visualreview.image.png.PngHeader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hash FILE...}: prints {@code <content_hash> <file>} per PNG, like sha256sum. A file that
 * cannot be hashed (unreadable, invalid, or too large for the JVM's heap) gets its reason on
 * stderr; the others are still hashed and the exit code is 2.
 */
final class HashCommand implements Command {
  static final String USAGE = "usage: java -jar visual-review.jar hash FILE...";

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("hash: no files given\n" + USAGE);
      return FAILURE;
    }
    if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
      out.println(USAGE);
      out.println("prints the PostHog Visual Review content hash (BLAKE3 of the RGBA8 pixels)");
      return OK;
    }
    int exit = OK;
    for (String name : args) {
      try {
        ImageHash hash = hash(read(name));
        out.println(hash.contentHash() + "  " + name);
      } catch (InvalidImageException | IOException | InvalidPathException e) {
        err.println("hash: " + name + ": " + reason(e));
        exit = FAILURE;
      } catch (OutOfMemoryError e) {
        err.println(
            "hash: "
                + name
                + ": not enough memory to read it: it "
                + HeapAdvice.advice(2 * PngFile.MAX_FILE_BYTES, "hash"));
        exit = FAILURE;
      }
    }
    out.flush();
    return exit;
  }

  /** The content hash; an {@link OutOfMemoryError} becomes a reason with advice. */
  private static ImageHash hash(byte[] png) {
    try {
      return ContentHash.of(png);
    } catch (OutOfMemoryError e) {
      PngHeader h = PngFile.readHeader(png);
      throw new InvalidImageException(
          "not enough memory to decode this "
              + h.width()
              + "x"
              + h.height()
              + " image: hashing it "
              + HeapAdvice.advice(HeapAdvice.decodeBytes(h.width(), h.height()), "hash"));
    }
  }

  private static byte[] read(String name) throws IOException {
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory, not a PNG file");
    }
    long size = Files.size(path);
    if (size > PngFile.MAX_FILE_BYTES) {
      throw new InvalidImageException(
          "PNG file is " + size + " bytes, over the 64 MiB limit PostHog accepts");
    }
    return Files.readAllBytes(path);
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }
}
