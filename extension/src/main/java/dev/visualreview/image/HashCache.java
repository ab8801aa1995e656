package dev.visualreview.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A persistent cache of content hashes, keyed by the BLAKE3 digest of the PNG <em>file</em> bytes,
 * so that an unchanged screenshot is hashed without being decoded.
 *
 * <p>One small text file per entry, in two-character fan-out directories under the cache directory.
 * Safe under concurrent JVMs: entries are written to a temporary file and moved into place
 * atomically, and readers validate every entry (format, hash, size, and the key it was written
 * for). A corrupt or truncated entry is ignored, recomputed and rewritten. If the directory cannot
 * be used, the cache warns once and computes every hash.
 *
 * <p>Bounded: when it holds more than {@value #MAX_ENTRIES} entries, the least recently used
 * entries (by modification time, refreshed on a hit at most once a day) are deleted down to 80 % of
 * that, once per cache instance, when the cache is opened.
 */
public final class HashCache {
  /** Entries kept before the least recently used are pruned. */
  public static final int MAX_ENTRIES = 20_000;

  private static final String FORMAT = "visual-review-hash-cache 1";
  private static final Duration TOUCH_INTERVAL = Duration.ofDays(1);
  private static final System.Logger LOG = System.getLogger(HashCache.class.getName());

  private final Path dir;
  private final Function<byte[], ImageHash> hasher;
  private final Consumer<String> warnings;
  private final int maxEntries;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile boolean disabled;

  HashCache(
      Path dir, Function<byte[], ImageHash> hasher, Consumer<String> warnings, int maxEntries) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.hasher = hasher;
    this.warnings = warnings;
    this.maxEntries = maxEntries;
  }

  /**
   * Opens (creating when needed) a cache in {@code dir}. Never fails: an unusable directory gives a
   * cache that warns once and computes every hash.
   */
  public static HashCache open(Path dir) {
    HashCache cache =
        new HashCache(
            dir,
            ContentHash::of,
            message -> LOG.log(System.Logger.Level.WARNING, message),
            MAX_ENTRIES);
    cache.prepare();
    return cache;
  }

  /**
   * The default cache directory: {@code $XDG_CACHE_HOME/visual-review/hashes}, or {@code
   * ~/.cache/visual-review/hashes} when XDG_CACHE_HOME is not set.
   */
  public static Path defaultDirectory() {
    return defaultDirectory(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultDirectory(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(userHome, ".cache");
    return base.resolve("visual-review").resolve("hashes");
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

  private static ImageHash parse(List<String> lines, String key) {
    if (lines.size() != 5 || !lines.get(0).equals(FORMAT) || !lines.get(1).equals(key)) {
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
      return new ImageHash(contentHash, width, height);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void write(Path entry, String key, ImageHash hash) {
    String text =
        String.join(
                "\n",
                FORMAT,
                key,
                hash.contentHash(),
                Integer.toString(hash.width()),
                Integer.toString(hash.height()))
            + "\n";
    Path tmp = null;
    try {
      Files.createDirectories(entry.getParent());
      tmp = Files.createTempFile(entry.getParent(), ".tmp-", "");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | RuntimeException e) {
      disable(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: a stray temp file is pruned like any entry
        }
      }
    }
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
