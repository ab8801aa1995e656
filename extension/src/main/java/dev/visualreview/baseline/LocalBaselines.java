package dev.visualreview.baseline;

import dev.visualreview.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local baseline images: one committed PNG per identifier, {@code <dir>/<identifier>.png} (a
 * shortened name for identifiers too long for a file name, see {@link SnapshotFileNames}), plus the
 * machine-wide {@link ImageStore} of every image captured here. Local updates write only these
 * images, through {@link AtomicFiles}; {@code snapshots.yml} is never written (it belongs to the
 * PostHog server). Opening the directory removes what killed writers left in it, before it can be
 * committed.
 */
public final class LocalBaselines {
  /** The default baseline directory, relative to the working directory. */
  public static final Path DEFAULT_DIRECTORY = Path.of("src", "test", "visual-baselines");

  private static final Pattern SAFE_IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,512}");

  /** Temporary files of versions before {@link AtomicFiles}: {@code <identifier><digits>.tmp}. */
  private static final Pattern LEGACY_TEMPORARY = Pattern.compile("[A-Za-z0-9_-]*\\d+\\.tmp");

  private final Path dir;
  private final ImageStore store;

  public LocalBaselines(Path dir, ImageStore store) {
    this.dir = dir.toAbsolutePath().normalize();
    this.store = store;
    AtomicFiles.removeStale(this.dir, 1, name -> LEGACY_TEMPORARY.matcher(name).matches());
  }

  /** The baseline directory. */
  public Path directory() {
    return dir;
  }

  /** The image store. */
  public ImageStore store() {
    return store;
  }

  /** Where the baseline image of an identifier lives (whether or not it exists). */
  public Path pathFor(String identifier) {
    if (!SAFE_IDENTIFIER.matcher(identifier).matches()) {
      throw new IllegalArgumentException(
          "identifier '"
              + identifier
              + "' cannot name a baseline file: use only A-Z, a-z, 0-9, '_' and '-'"
              + " (at most 512 characters)");
    }
    return dir.resolve(SnapshotFileNames.stem(identifier) + ".png");
  }

  /** The committed baseline image of an identifier, if there is one. */
  public Optional<Path> baselineImage(String identifier) {
    Path p = pathFor(identifier);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Identifiers that have a baseline image in the directory (not recursive), sorted. An identifier
   * stored under a shortened name is listed by that name ({@link SnapshotFileNames#stem}).
   */
  public Set<String> identifiers() {
    Set<String> ids = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".png"))
          .map(n -> n.substring(0, n.length() - 4))
          .filter(id -> SAFE_IDENTIFIER.matcher(id).matches())
          .forEach(ids::add);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list baseline directory " + dir + ": " + e.getMessage(), e);
    }
    return ids;
  }

  /** Writes (or replaces) the baseline image of an identifier atomically. */
  public Path write(String identifier, byte[] png) {
    Path target = pathFor(identifier);
    try {
      AtomicFiles.write(target, png);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write baseline image "
              + target
              + ": "
              + e.getMessage()
              + ": make the baseline directory writable or configure another one",
          e);
    }
  }

  /** Deletes the baseline image of an identifier; returns whether one existed. */
  public boolean delete(String identifier) {
    Path target = pathFor(identifier);
    try {
      return Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete baseline image " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "LocalBaselines[" + dir + "]";
  }
}
