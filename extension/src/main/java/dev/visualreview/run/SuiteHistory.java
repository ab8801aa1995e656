package dev.visualreview.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Remembers, in the report directory, that this JVM already completed a suite there. Surefire's
 * {@code rerunFailingTestsCount} re-runs failed tests in a second engine execution in the same JVM;
 * a second run would supersede the first with only the re-run tests' snapshots. The marker names
 * the JVM by process id and start time, so a later build that happens to get the same process id is
 * not mistaken for a re-run. Markers of JVMs that have ended are deleted when a suite completes, so
 * the report directory does not collect one per build.
 */
final class SuiteHistory {
  private static final String PREFIX = ".completed-by-";

  private SuiteHistory() {}

  private static Path marker(Path reportDir) {
    return reportDir.resolve(PREFIX + ProcessHandle.current().pid());
  }

  private static String thisJvm() {
    return identity(ProcessHandle.current());
  }

  /** A process as markers record it: its id and start time. */
  private static String identity(ProcessHandle process) {
    return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("?");
  }

  /**
   * What this JVM completed in {@code reportDir} earlier (a run id or description), if anything.
   */
  public static Optional<String> completedEarlierInThisJvm(Path reportDir) {
    Path marker = marker(reportDir);
    try {
      if (!Files.isRegularFile(marker)) {
        return Optional.empty();
      }
      String[] lines = Files.readString(marker, StandardCharsets.UTF_8).split("\n", 2);
      return lines.length == 2 && lines[0].equals(thisJvm())
          ? Optional.of(lines[1].strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Records that this JVM completed a suite in {@code reportDir}, and deletes the markers of JVMs
   * that have ended. Best effort.
   */
  public static void recordCompletion(Path reportDir, String description) {
    try {
      Files.createDirectories(reportDir);
      Files.writeString(
          marker(reportDir), thisJvm() + "\n" + description + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // without the marker a re-run creates a second run, as it would without this class
    }
    deleteMarkersOfEndedJvms(reportDir);
  }

  /**
   * Deletes markers whose process has ended, or whose process id now belongs to a process started
   * at another time (the id was reused). A marker of a running JVM stays: that JVM may still re-run
   * its failed tests.
   */
  static void deleteMarkersOfEndedJvms(Path reportDir) {
    try (Stream<Path> files = Files.list(reportDir)) {
      files
          .filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> !stillRunning(p))
          .forEach(SuiteHistory::deleteQuietly);
    } catch (IOException | RuntimeException e) {
      // tidying is best effort; the markers are tiny
    }
  }

  private static boolean stillRunning(Path marker) {
    String pid = marker.getFileName().toString().substring(PREFIX.length());
    Optional<ProcessHandle> process;
    try {
      process = ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return false;
    }
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    try {
      String recorded = Files.readString(marker, StandardCharsets.UTF_8).split("\n", 2)[0];
      return recorded.equals(identity(process.get()));
    } catch (IOException e) {
      return true; // unreadable now, perhaps being written: leave it
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // another JVM may be tidying the same folder
    }
  }
}
