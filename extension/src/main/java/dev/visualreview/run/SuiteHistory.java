package dev.visualreview.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers, in the report directory, that this JVM already completed a suite there. Surefire's
 * {@code rerunFailingTestsCount} re-runs failed tests in a second engine execution in the same JVM;
 * a second run would supersede the first with only the re-run tests' snapshots. The marker names
 * the JVM by process id and start time, so a later build that happens to get the same process id is
 * not mistaken for a re-run.
 */
public final class SuiteHistory {
  private SuiteHistory() {}

  private static Path marker(Path reportDir) {
    return reportDir.resolve(".completed-by-" + ProcessHandle.current().pid());
  }

  private static String thisJvm() {
    return ProcessHandle.current().pid()
        + " "
        + ProcessHandle.current().info().startInstant().map(Instant::toString).orElse("?");
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

  /** Records that this JVM completed a suite in {@code reportDir}. Best effort. */
  public static void recordCompletion(Path reportDir, String description) {
    try {
      Files.createDirectories(reportDir);
      Files.writeString(
          marker(reportDir), thisJvm() + "\n" + description + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // without the marker a re-run creates a second run, as it would without this class
    }
  }
}
