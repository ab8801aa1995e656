package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLockTest {

  /** Run in a second JVM: tries the lock and prints what happened. */
  public static void main(String[] args) {
    try (SuiteLock lock = SuiteLock.acquire(Path.of(args[0]))) {
      System.out.println("ACQUIRED");
    } catch (IllegalStateException e) {
      System.out.println("BUSY: " + e.getMessage());
    }
  }

  private static String tryInAnotherJvm(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    SuiteLockTest.class.getName(),
                    dir.toString()))
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the second JVM did not finish within 60s");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void secondJvmIsStoppedWithTheShardModeSetup(@TempDir Path dir) throws Exception {
    try (SuiteLock lock = SuiteLock.acquire(dir)) {
      String other = tryInAnotherJvm(dir);
      assertThat(other)
          .startsWith("BUSY: another test JVM is already running a visual review suite")
          .contains("forkCount")
          .contains("-Dvisualreview.runId=")
          .contains("run complete --run-id");
    }
    assertThat(tryInAnotherJvm(dir)).startsWith("ACQUIRED");
  }

  @Test
  void secondSuiteInTheSameJvmIsStoppedAndTheLockIsReusableAfterClose(@TempDir Path dir) {
    SuiteLock first = SuiteLock.acquire(dir);
    assertThatThrownBy(() -> SuiteLock.acquire(dir)).hasMessageContaining("forkCount > 1");
    first.close();
    SuiteLock.acquire(dir).close();
  }
}
