package dev.visualreview.baseline;

import dev.visualreview.storage.AtomicFiles;
import dev.visualreview.storage.CacheLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A content-addressed store of every PNG this machine captured, keyed by PostHog content hash:
 * {@code <dir>/<hash[0:2]>/<hash>.png}. It lets a branch run diff against the image behind a hash
 * in {@code snapshots.yml} when that image was captured earlier on this machine (e.g. on main).
 *
 * <p>Bounded: {@link #prune()} deletes the least recently used images until the store is under its
 * byte limit. Reads refresh an image's modification time, so baselines in use survive pruning.
 * Writes go through {@link AtomicFiles}, so concurrent JVMs never see half an image, and opening
 * the store removes the temporary files of writers that were killed.
 */
public final class ImageStore {
  /** Default size limit: 512 MiB, about two thousand full-page screenshots. */
  public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** Temporary files of versions before {@link AtomicFiles}: {@code <hash><digits>.tmp}. */
  private static final Pattern LEGACY_TEMPORARY = Pattern.compile("[0-9a-f]{64}-?\\d+\\.tmp");

  private final Path dir;
  private final long maxBytes;

  private ImageStore(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /**
   * A store in {@code dir} (created on first write) limited to {@code maxBytes}; removes what
   * killed writers left in it.
   */
  public static ImageStore open(Path dir, long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException(
          "image store limit must be positive, got " + maxBytes + " bytes");
    }
    Path absolute = dir.toAbsolutePath().normalize();
    AtomicFiles.removeStale(absolute, 2, name -> LEGACY_TEMPORARY.matcher(name).matches());
    return new ImageStore(absolute, maxBytes);
  }

  /** The default location, {@link CacheLocation#images()} for this environment. */
  public static Path defaultDirectory(Map<String, String> env) {
    return CacheLocation.of(Optional.empty(), env, System.getProperty("user.home")).images();
  }

  /** The store's directory. */
  public Path directory() {
    return dir;
  }

  /** The image stored under a content hash, if this machine captured it. */
  public Optional<Path> find(String contentHash) {
    if (!isHash(contentHash)) {
      return Optional.empty();
    }
    Path file = fileFor(contentHash);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    touch(file);
    return Optional.of(file);
  }

  /** Stores an image under its content hash; a no-op (apart from the access time) if present. */
  public void put(String contentHash, byte[] png) {
    if (!isHash(contentHash)) {
      throw new IllegalArgumentException(
          "not a content hash: '" + contentHash + "' (expected 64 lowercase hex characters)");
    }
    Path file = fileFor(contentHash);
    if (Files.isRegularFile(file)) {
      touch(file);
      return;
    }
    try {
      // another JVM may store the same image meanwhile: same hash, same pixels, either wins
      AtomicFiles.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write to the image store "
              + dir
              + ": "
              + e.getMessage()
              + ": make it writable or configure another image store directory",
          e);
    }
  }

  /**
   * Deletes least recently used images until the store holds at most its byte limit.
   *
   * @return the number of images deleted
   */
  public int prune() {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    record Entry(Path path, long size, FileTime time) {}
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".png") && Files.isRegularFile(p)) {
          long size = Files.size(p);
          entries.add(new Entry(p, size, Files.getLastModifiedTime(p)));
          total += size;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return 0; // pruning is housekeeping: never fail a run over it
    }
    if (total <= maxBytes) {
      return 0;
    }
    entries.sort(Comparator.comparing(Entry::time));
    int deleted = 0;
    for (Entry e : entries) {
      if (total <= maxBytes) {
        break;
      }
      try {
        if (Files.deleteIfExists(e.path())) {
          deleted++;
        }
        total -= e.size();
      } catch (IOException ignored) {
        // a file in use elsewhere: skip it
      }
    }
    return deleted;
  }

  private Path fileFor(String hash) {
    return dir.resolve(hash.substring(0, 2)).resolve(hash + ".png");
  }

  private static boolean isHash(String s) {
    return s != null && HASH.matcher(s).matches();
  }

  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException ignored) {
      // a read-only store still serves images; pruning order just gets less precise
    }
  }

  @Override
  public String toString() {
    return "ImageStore[" + dir + "]";
  }
}
