package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteHistoryTest {
  @TempDir Path reportDir;

  private static String marker(long pid) {
    return ".completed-by-" + pid;
  }

  private String[] markers() throws Exception {
    try (Stream<Path> files = Files.list(reportDir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".completed-by-"))
          .sorted()
          .toArray(String[]::new);
    }
  }

  @Test
  void aSuiteCompletedInThisJvmIsRemembered() {
    assertThat(SuiteHistory.completedEarlierInThisJvm(reportDir)).isEmpty();

    SuiteHistory.recordCompletion(reportDir, "run 42");

    assertThat(SuiteHistory.completedEarlierInThisJvm(reportDir)).contains("run 42");
  }

  @Test
  void markersLeftByJvmsThatHaveEndedAreDeleted() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Files.writeString(
        reportDir.resolve(marker(ended.pid())), ended.pid() + " 2020-01-01T00:00:00Z\nrun old\n");
    Process running = new ProcessBuilder("sleep", "120").start();
    try {
      String realStart = running.info().startInstant().map(Object::toString).orElseThrow();
      Path alive = reportDir.resolve(marker(running.pid()));
      Files.writeString(alive, running.pid() + " " + realStart + "\nrun of a running JVM\n");
      Files.writeString(reportDir.resolve(".completed-by-not-a-pid"), "garbage\n");

      SuiteHistory.recordCompletion(reportDir, "run new");

      assertThat(markers())
          .containsExactlyInAnyOrder(marker(ProcessHandle.current().pid()), marker(running.pid()));
      assertThat(SuiteHistory.completedEarlierInThisJvm(reportDir)).contains("run new");
    } finally {
      running.destroyForcibly();
    }
  }

  @Test
  void aMarkerWhoseProcessIdWasReusedByAnotherProgramIsDeleted() throws Exception {
    Process running = new ProcessBuilder("sleep", "120").start();
    try {
      Files.writeString(
          reportDir.resolve(marker(running.pid())),
          running.pid() + " 2001-01-01T00:00:00Z\nrun of a JVM long gone\n");

      SuiteHistory.recordCompletion(reportDir, "run new");

      assertThat(markers()).containsExactly(marker(ProcessHandle.current().pid()));
    } finally {
      running.destroyForcibly();
    }
  }
}
