package dev.visualreview.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A random 256-bit secret of this user on this machine, kept in a file readable by its owner only,
 * outside every cache, and used to authenticate what the library reads back from a cache (HMAC-
 * SHA256): an entry written by anyone without the secret (another branch's CI job whose cache was
 * restored here, a hand edit) does not verify and is recomputed.
 *
 * <p>The file is created on first use. When it cannot be read or written (a read-only home), the
 * secret lives in memory for this process only: the cache then still works within the process and
 * trusts nothing older.
 */
public final class LocalSecret {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int BYTES = 32;

  private final SecretKeySpec key;
  private final boolean persistent;

  private LocalSecret(byte[] secret, boolean persistent) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
    this.persistent = persistent;
  }

  /** The secret stored in {@code file}, created there when missing or damaged. Never fails. */
  public static LocalSecret at(Path file) {
    try {
      byte[] existing;
      try {
        existing = read(file);
      } catch (DamagedSecret e) {
        Files.deleteIfExists(file); // entries signed with it can no longer be verified anyway
        existing = null;
      }
      if (existing != null) {
        return new LocalSecret(existing, true);
      }
      byte[] fresh = random();
      String hex = HexFormat.of().formatHex(fresh) + "\n";
      if (AtomicFiles.writeIfAbsent(file, hex.getBytes(StandardCharsets.US_ASCII), true)) {
        return new LocalSecret(fresh, true);
      }
      byte[] winner = read(file); // another process created it first: use theirs
      return winner != null ? new LocalSecret(winner, true) : ephemeral();
    } catch (IOException | RuntimeException e) {
      return ephemeral();
    }
  }

  /** A secret for this process only. */
  public static LocalSecret ephemeral() {
    return new LocalSecret(random(), false);
  }

  /** Whether the secret is kept in a file (so entries written now verify in later runs). */
  public boolean persistent() {
    return persistent;
  }

  /** HMAC-SHA256 of {@code text} (UTF-8) under this secret, as lowercase hex. */
  public String mac(String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!text.matches("[0-9a-f]{" + (BYTES * 2) + "}")) {
      throw new DamagedSecret();
    }
    return HexFormat.of().parseHex(text);
  }

  private static byte[] random() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static final class DamagedSecret extends IOException {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public String toString() {
    return "LocalSecret[" + (persistent ? "persistent" : "this process only") + "]";
  }
}
