package dev.visualreview.image;

import dev.visualreview.storage.AtomicFiles;
import dev.visualreview.storage.CacheLocation;
import dev.visualreview.storage.LocalSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A persistent cache of content hashes, keyed by the BLAKE3 digest of the PNG <em>file</em> bytes,
 * so that an unchanged screenshot is hashed without being decoded (about 0.2 ms instead of 4 to 8
 * ms for a screenshot).
 *
 * <p>A cache entry cannot change a verdict: each one carries an HMAC-SHA256, under a per-user
 * {@link LocalSecret} that lives outside the cache, of everything it says (the key it was written
 * for, the content hash, the size). An entry that does not verify (edited by hand, written on
 * another machine, restored from another branch's CI cache, or simply damaged) is a miss: the PNG
 * is decoded and hashed, and the entry rewritten. On a CI runner that starts empty the secret is
 * new, so a restored cache is never trusted; caching this directory in CI gains nothing.
 *
 * <p>One small text file per entry, in two-character fan-out directories under the cache directory.
 * Safe under concurrent JVMs: entries are written through {@link AtomicFiles}, and temporary files
 * that a killed writer left are removed when the cache is opened. If the directory cannot be used,
 * the cache warns once and computes every hash.
 *
 * <p>Bounded: when it holds more than {@value #MAX_ENTRIES} entries, the least recently used
 * entries (by modification time, refreshed on a hit at most once a day) are deleted down to 80 % of
 * that, once per cache instance, when the cache is opened.
 */
public final class HashCache {
  /** Entries kept before the least recently used are pruned. */
  public static final int MAX_ENTRIES = 20_000;

  private static final String FORMAT = "visual-review-hash-cache 2";
  private static final Duration TOUCH_INTERVAL = Duration.ofDays(1);
  private static final System.Logger LOG = System.getLogger(HashCache.class.getName());

  private final Path dir;
  private final LocalSecret secret;
  private final Function<byte[], ImageHash> hasher;
  private final Consumer<String> warnings;
  private final int maxEntries;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile boolean disabled;

  HashCache(
      Path dir,
      LocalSecret secret,
      Function<byte[], ImageHash> hasher,
      Consumer<String> warnings,
      int maxEntries) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.hasher = hasher;
    this.warnings = warnings;
    this.maxEntries = maxEntries;
  }

  /**
   * Opens (creating when needed) a cache in {@code dir}, authenticated with this user's secret
   * ({@link CacheLocation#secretFor}). Never fails: an unusable directory gives a cache that warns
   * once and computes every hash.
   */
  public static HashCache open(Path dir) {
    return open(dir, CacheLocation.fromEnvironment().secretFor(dir));
  }

  /** Opens a cache in {@code dir} whose entries are authenticated with {@code secret}. */
  public static HashCache open(Path dir, LocalSecret secret) {
    HashCache cache =
        new HashCache(
            dir,
            secret,
            ContentHash::of,
            message -> LOG.log(System.Logger.Level.WARNING, message),
            MAX_ENTRIES);
    cache.prepare();
    return cache;
  }

  /** The default cache directory, {@link CacheLocation#hashes()} of this process's environment. */
  public static Path defaultDirectory() {
    return CacheLocation.fromEnvironment().hashes();
  }

  static Path defaultDirectory(Map<String, String> env, String userHome) {
    return CacheLocation.of(Optional.empty(), env, userHome).hashes();
  }

  /** The directory this cache keeps its entries in. */
  public Path directory() {
    return dir;
  }

  /**
   * The content hash and size of a PNG: from the cache when these exact file bytes were hashed
   * before, otherwise decoded, hashed and remembered.
   *
   * @throws InvalidImageException when the bytes are not a usable PNG (never cached)
   */
  public ImageHash hashOf(byte[] png) {
    if (png == null) {
      throw new InvalidImageException("no PNG bytes given (null)");
    }
    if (disabled) {
      return hasher.apply(png);
    }
    String key = Blake3.hex(Blake3.hash(png)) + Long.toHexString(png.length);
    Path entry = entryPath(key);
    ImageHash cached = read(entry, key);
    if (cached != null) {
      return cached;
    }
    ImageHash computed = hasher.apply(png);
    write(entry, key, computed);
    return computed;
  }

  void prepare() {
    try {
      AtomicFiles.removeStale(dir, 2, HashCache::legacyTemporary);
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        throw new IOException("directory is not writable");
      }
      prune();
    } catch (IOException | RuntimeException e) {
      disable(e);
    }
  }

  private Path entryPath(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key);
  }

  private ImageHash read(Path entry, String key) {
    List<String> lines;
    try {
      lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable or not UTF-8: treated as a miss and rewritten
    }
    ImageHash hash = parse(lines, key);
    if (hash != null) {
      touch(entry);
    }
    return hash;
  }

  /** The entry's hash when it is well formed, for this key, and carries this secret's MAC. */
  private ImageHash parse(List<String> lines, String key) {
    if (lines.size() != 6 || !lines.get(0).equals(FORMAT) || !lines.get(1).equals(key)) {
      return null;
    }
    String contentHash = lines.get(2);
    if (!contentHash.matches("[0-9a-f]{64}")) {
      return null;
    }
    try {
      int width = Integer.parseInt(lines.get(3));
      int height = Integer.parseInt(lines.get(4));
      if (width <= 0 || height <= 0) {
        return null;
      }
      String signed = signedPart(key, contentHash, width, height);
      if (!MessageDigest.isEqual(
          secret.mac(signed).getBytes(StandardCharsets.US_ASCII),
          lines.get(5).getBytes(StandardCharsets.US_ASCII))) {
        return null;
      }
      return new ImageHash(contentHash, width, height);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String signedPart(String key, String contentHash, int width, int height) {
    return String.join(
        "\n", FORMAT, key, contentHash, Integer.toString(width), Integer.toString(height));
  }

  private void write(Path entry, String key, ImageHash hash) {
    String signed = signedPart(key, hash.contentHash(), hash.width(), hash.height());
    String text = signed + "\n" + secret.mac(signed) + "\n";
    try {
      AtomicFiles.write(entry, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      disable(e);
    }
  }

  /** Temporary files of versions before {@link AtomicFiles}: {@code .tmp-<digits>}. */
  private static boolean legacyTemporary(String name) {
    return name.startsWith(".tmp-");
  }

  private void touch(Path entry) {
    try {
      Instant now = Instant.now();
      if (Files.getLastModifiedTime(entry).toInstant().isBefore(now.minus(TOUCH_INTERVAL))) {
        Files.setLastModifiedTime(entry, FileTime.from(now));
      }
    } catch (IOException | RuntimeException ignored) {
      // recency is a hint for pruning only
    }
  }

  private void prune() throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
      for (Path shard : shards) {
        if (Files.isDirectory(shard)) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
            files.forEach(entries::add);
          }
        }
      }
    }
    if (entries.size() <= maxEntries) {
      return;
    }
    List<Map.Entry<Path, FileTime>> dated = new ArrayList<>();
    for (Path p : entries) {
      try {
        dated.add(Map.entry(p, Files.getLastModifiedTime(p)));
      } catch (IOException e) {
        // vanished meanwhile (another JVM pruned it)
      }
    }
    dated.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
    int toDelete = dated.size() - maxEntries * 4 / 5;
    for (int i = 0; i < toDelete; i++) {
      Files.deleteIfExists(dated.get(i).getKey());
    }
  }

  private void disable(Exception cause) {
    disabled = true;
    if (warned.compareAndSet(false, true)) {
      warnings.accept(
          "visual-review: hash cache directory "
              + dir
              + " cannot be used ("
              + cause
              + "); hashing every screenshot without the cache. Set visualreview.cache.dir to a"
              + " writable directory to enable it.");
    }
  }
}
