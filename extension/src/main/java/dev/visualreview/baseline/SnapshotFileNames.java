package dev.visualreview.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File names for snapshot identifiers. Identifiers may be 512 characters long, file names only 255
 * bytes on common file systems: an identifier of up to {@value #MAX_STEM} characters is its own
 * file name (so existing baselines keep their names), a longer one becomes its first characters
 * plus a hash of the whole. Local baseline images and report images use the same names.
 */
public final class SnapshotFileNames {
  /** The longest identifier used as a file name unchanged. */
  public static final int MAX_STEM = 240;

  private static final int HASH_LENGTH = 12;

  private SnapshotFileNames() {}

  /** The file name (without extension) for an identifier of {@code [A-Za-z0-9_-]} characters. */
  public static String stem(String identifier) {
    if (identifier.length() <= MAX_STEM) {
      return identifier;
    }
    return identifier.substring(0, MAX_STEM - HASH_LENGTH - 1)
        + "-"
        + sha256Hex(identifier).substring(0, HASH_LENGTH);
  }

  /** Whether an identifier is stored under a shortened name. */
  public static boolean shortened(String identifier) {
    return identifier.length() > MAX_STEM;
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
