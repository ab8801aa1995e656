package dev.visualreview.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the library replaces a file: the bytes go to a temporary file in the target's
 * directory, which is then moved over the target, so a reader (another JVM included) sees the old
 * file or the new one, never half of one.
 *
 * <p>A writer killed between the two steps ({@code kill -9}, a crashed fork) leaves its temporary
 * file behind. Temporary files are therefore named recognisably, {@code .vr-<pid>-<random>.tmp}
 * (short, whatever the target's name), and a directory's owner calls {@link #removeStale} when it
 * opens the directory. A temporary file is stale when its writer's process is no longer alive and
 * it is older than {@link #DEAD_WRITER_GRACE} (the grace keeps the files of writers on another
 * machine or in another container sharing the directory, whose process ids mean nothing here), or
 * when it is older than {@link #MAX_AGE} whoever wrote it: a write takes milliseconds.
 */
public final class AtomicFiles {
  /** A temporary file whose writer is gone is removed once it is this old. */
  public static final Duration DEAD_WRITER_GRACE = Duration.ofMinutes(1);

  /** Any temporary file this old is debris. */
  public static final Duration MAX_AGE = Duration.ofHours(1);

  private static final Pattern TEMPORARY = Pattern.compile("\\.vr-(\\d{1,19})-[0-9a-f]{16}\\.tmp");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PID = ProcessHandle.current().pid();

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target}, replacing it atomically; creates the directory. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = temporaryFile(target, false);
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code bytes} to {@code target} unless it exists; readable by its owner only when {@code
   * ownerOnly} (on POSIX file systems).
   *
   * @return false when the target existed (or another writer created it first)
   */
  public static boolean writeIfAbsent(Path target, byte[] bytes, boolean ownerOnly)
      throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    Path tmp = temporaryFile(target, ownerOnly);
    try {
      Files.write(tmp, bytes);
      try {
        Files.createLink(target, tmp); // atomic, and fails when the target exists
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
        try {
          Files.move(tmp, target); // no REPLACE_EXISTING; a small race remains
        } catch (FileAlreadyExistsException e) {
          return false;
        }
      }
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Whether a file name is one of this class's temporary files. */
  public static boolean isTemporary(Path file) {
    return TEMPORARY.matcher(file.getFileName().toString()).matches();
  }

  /**
   * Deletes stale temporary files in {@code dir} and its subdirectories down to {@code depth}
   * levels (1: the directory itself). Housekeeping: never throws.
   *
   * @return how many files were deleted
   */
  public static int removeStale(Path dir, int depth) {
    return removeStale(dir, depth, name -> false);
  }

  /**
   * As {@link #removeStale(Path, int)}, also deleting files older than {@link #MAX_AGE} whose names
   * match {@code legacy}: what writers of earlier versions left, in a directory that owns them.
   */
  public static int removeStale(Path dir, int depth, Predicate<String> legacy) {
    if (depth < 1 || !Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    Instant now = Instant.now();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        boolean candidate = TEMPORARY.matcher(name).matches() || legacy.test(name);
        if (!candidate) {
          // only names decide at the last level: no file system call per cache entry
          if (depth > 1 && Files.isDirectory(entry)) {
            removed += removeStale(entry, depth - 1, legacy);
          }
        } else if (stale(entry, now, legacy)) {
          try {
            if (Files.deleteIfExists(entry)) {
              removed++;
            }
          } catch (IOException e) {
            // another process removed or holds it: leave it for the next sweep
          }
        }
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      // an unreadable directory is its owner's problem to report, not housekeeping's
    }
    return removed;
  }

  private static boolean stale(Path file, Instant now, Predicate<String> legacy) {
    String name = file.getFileName().toString();
    Matcher m = TEMPORARY.matcher(name);
    boolean ours = m.matches();
    if (!ours && !legacy.test(name)) {
      return false;
    }
    Duration age;
    try {
      age = Duration.between(Files.getLastModifiedTime(file).toInstant(), now);
    } catch (IOException e) {
      return false;
    }
    if (age.compareTo(MAX_AGE) > 0) {
      return true;
    }
    return ours && age.compareTo(DEAD_WRITER_GRACE) > 0 && !alive(m.group(1));
  }

  private static boolean alive(String pid) {
    try {
      long id = Long.parseLong(pid);
      return id == PID || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException | SecurityException | UnsupportedOperationException e) {
      return true; // cannot tell: wait for MAX_AGE
    }
  }

  private static Path temporaryFile(Path target, boolean ownerOnly) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    Path tmp = dir.resolve(".vr-" + PID + "-" + HexFormat.of().formatHex(random) + ".tmp");
    if (ownerOnly && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> rw =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return Files.createFile(tmp, rw);
    }
    return Files.createFile(tmp);
  }
}
