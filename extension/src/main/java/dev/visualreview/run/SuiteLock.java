package dev.visualreview.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One suite per report directory at a time. Surefire's {@code forkCount > 1} starts several JVMs
 * for one build; each would otherwise create its own PostHog run, and the runs would supersede each
 * other. The first JVM takes an OS file lock on {@code <reportDir>/.suite.lock}; any other JVM
 * finds it taken and stops with the shard-mode setup. The OS drops the lock when a JVM dies, so a
 * crashed build never leaves a stale lock.
 */
public final class SuiteLock implements AutoCloseable {
  static final String FILE_NAME = ".suite.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private SuiteLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Another suite holds the report folder: its reports are not this suite's to touch. */
  public static final class BusyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock or explains why it cannot.
   *
   * @throws BusyException when another JVM (or another suite in this JVM) holds it
   */
  public static SuiteLock acquire(Path reportDir) {
    Path file = reportDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      Files.createDirectories(reportDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BusyException(busyMessage(reportDir));
      }
      channel.truncate(0);
      channel.write(
          StandardCharsets.UTF_8.encode(
              "pid " + ProcessHandle.current().pid() + System.lineSeparator()));
      return new SuiteLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      String reason =
          e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
              ? fse.getReason()
              : e.getMessage();
      throw new UncheckedIOException("cannot create the suite lock " + file + ": " + reason, e);
    }
  }

  static String busyMessage(Path reportDir) {
    return "another test JVM is already running a visual review suite with the report directory "
        + reportDir.toAbsolutePath()
        + " (Surefire forkCount > 1 starts one JVM per fork, and each would create a competing"
        + " run). Either run the visual tests in one fork (forkCount=1), or use shard mode so"
        + " every fork joins one run:\n"
        + "  RUN_ID=$(java -jar visual-review.jar run create --type junit --baseline snapshots.yml)\n"
        + "  mvn verify -Dvisualreview.runId=$RUN_ID\n"
        + "  java -jar visual-review.jar run complete --run-id $RUN_ID --baseline snapshots.yml";
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing with a better message
      }
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel close below releases it too
    } finally {
      closeQuietly(channel);
    }
  }
}
