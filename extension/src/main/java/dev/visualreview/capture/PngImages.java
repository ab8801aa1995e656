package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import dev.visualreview.image.png.PngFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import javax.imageio.ImageIO;

/**
 * PNG bytes from the non-browser sources: byte arrays, files and {@link BufferedImage}s, each
 * checked against the limits before any work is done on it.
 */
final class PngImages {
  /** Largest PNG accepted (as on the PostHog server). */
  static final long MAX_FILE_BYTES = PngFile.MAX_FILE_BYTES;

  /** Largest pixel count accepted (as on the PostHog server). */
  static final long MAX_PIXELS = PngFile.MAX_PIXELS;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngImages() {}

  static boolean hasPngSignature(byte[] bytes) {
    if (bytes == null || bytes.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static byte[] requirePng(byte[] bytes, String what) {
    if (bytes.length == 0) {
      throw new CaptureException(what + " is empty: pass the bytes of a PNG file");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new CaptureException(
          what + " is " + bytes.length + " bytes, over the " + limit() + ": " + smaller());
    }
    if (!hasPngSignature(bytes)) {
      throw new CaptureException(
          what
              + " is not a PNG (it does not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A):"
              + " pass PNG bytes, or a BufferedImage to have it encoded");
    }
    return bytes;
  }

  /**
   * Reads a PNG file: a regular file (not a device, a pipe or a folder, which could be endless or
   * block) of at most {@link #MAX_FILE_BYTES}, read no further than that even if it grows.
   */
  static byte[] read(Path path, String snapshotName) {
    Path absolute = path.toAbsolutePath();
    String what = "snapshot '" + snapshotName + "': the image file " + absolute;
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new CaptureException(what + " does not exist: pass the path of a PNG file", e);
    } catch (IOException e) {
      throw new CaptureException(what + " cannot be read: " + e.getMessage(), e);
    }
    if (!attributes.isRegularFile()) {
      throw new CaptureException(
          what
              + " is not a regular file ("
              + kind(path, attributes)
              + "): pass the path of a PNG file; images are read from regular files only");
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw new CaptureException(
          what + " is " + attributes.size() + " bytes, over the " + limit() + ": " + smaller());
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new CaptureException(what + " cannot be read: " + e.getMessage(), e);
    }
    return requirePng(bytes, what);
  }

  /** Encodes an image of at most {@link #MAX_PIXELS} pixels. */
  static byte[] encode(BufferedImage image, String snapshotName) {
    long pixels = (long) image.getWidth() * image.getHeight();
    if (pixels > MAX_PIXELS) {
      throw CaptureFailures.of(
          snapshotName,
          "the BufferedImage is "
              + image.getWidth()
              + "x"
              + image.getHeight()
              + " = "
              + pixels
              + " pixels, over the limit of "
              + MAX_PIXELS
              + " pixels PostHog accepts: "
              + smaller());
    }
    return encode(image);
  }

  static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new CaptureException(
            "the BufferedImage (type " + image.getType() + ") cannot be encoded as PNG");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
      if (image == null) {
        throw new CaptureException("the screenshot is not a readable PNG");
      }
      return image;
    } catch (IOException e) {
      throw new CaptureException("the screenshot is not a readable PNG: " + e.getMessage(), e);
    }
  }

  private static String kind(Path path, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a folder";
    }
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    return Files.isReadable(path) ? "a device, pipe or socket" : "not a file";
  }

  private static String limit() {
    return (MAX_FILE_BYTES >> 20) + " MiB limit of a PNG PostHog accepts";
  }

  private static String smaller() {
    return "capture a smaller area";
  }
}
