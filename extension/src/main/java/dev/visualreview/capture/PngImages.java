package dev.visualreview.capture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG bytes from the non-browser sources: byte arrays, files and {@link BufferedImage}s. */
final class PngImages {
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
    if (!hasPngSignature(bytes)) {
      throw new CaptureException(
          what
              + " is not a PNG (it does not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A):"
              + " pass PNG bytes, or a BufferedImage to have it encoded");
    }
    return bytes;
  }

  static byte[] read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CaptureException("image file " + path.toAbsolutePath() + " does not exist", e);
    } catch (IOException e) {
      throw new CaptureException("cannot read image file " + path.toAbsolutePath() + ": " + e, e);
    }
    return requirePng(bytes, "image file " + path.toAbsolutePath());
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
}
