package dev.visualreview.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writeReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("sub/report.json");
    AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));

    assertThat(target).hasContent("two");
    assertThat(files(dir)).containsExactly(target);
  }

  @Test
  void writeIfAbsentKeepsTheFirstFile() throws IOException {
    Path target = dir.resolve("secret");
    assertThat(AtomicFiles.writeIfAbsent(target, new byte[] {1}, true)).isTrue();
    assertThat(AtomicFiles.writeIfAbsent(target, new byte[] {2}, true)).isFalse();

    assertThat(Files.readAllBytes(target)).containsExactly(1);
    assertThat(files(dir)).containsExactly(target);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(target)))
          .isEqualTo("rw-------");
    }
  }

  /**
   * Issue 12: {@code kill -9} during a write left {@code *.tmp} files forever. The temporary files
   * of dead writers, and any that are very old, go when the directory's owner sweeps it; a live
   * writer's fresh one stays, and so do files that are not temporary.
   */
  @Test
  void aSweepRemovesWhatDeadWritersLeftAndNothingElse() throws Exception {
    long dead = deadPid();
    long alive = ProcessHandle.current().pid();
    Path nested = Files.createDirectories(dir.resolve("ab"));
    Path deadWriter = temp(nested, dead, "0123456789abcdef", Duration.ofMinutes(5));
    Path deadButJustNow = temp(nested, dead, "0123456789abcde0", Duration.ZERO);
    Path liveWriter = temp(dir, alive, "fedcba9876543210", Duration.ofMinutes(30));
    Path ancient = temp(dir, alive, "00000000000000aa", Duration.ofHours(2));
    Path someonesFile = Files.writeString(dir.resolve("notes.tmp"), "mine");
    Files.setLastModifiedTime(someonesFile, FileTime.from(Instant.now().minus(Duration.ofDays(9))));
    Path legacyOld = Files.writeString(dir.resolve("home123456.tmp"), "x");
    Files.setLastModifiedTime(legacyOld, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
    Path legacyNew = Files.writeString(dir.resolve("cart987.tmp"), "x");

    int removed = AtomicFiles.removeStale(dir, 2, name -> name.matches(".*\\d+\\.tmp"));

    assertThat(removed).isEqualTo(3);
    assertThat(deadWriter).doesNotExist();
    assertThat(ancient).doesNotExist();
    assertThat(legacyOld).doesNotExist();
    assertThat(deadButJustNow).as("maybe a writer on another machine").exists();
    assertThat(liveWriter).exists();
    assertThat(legacyNew).exists();
    assertThat(someonesFile).exists();
  }

  @Test
  void aSweepOfAMissingOrUnreadableDirectoryDoesNothing() {
    assertThat(AtomicFiles.removeStale(dir.resolve("missing"), 2)).isZero();
    assertThat(AtomicFiles.removeStale(dir, 0)).isZero();
  }

  @Test
  void temporaryNamesAreShortWhateverTheTarget() throws IOException {
    Path target = dir.resolve("x".repeat(250) + ".png");
    AtomicFiles.write(target, new byte[] {7});
    assertThat(target).exists();
    assertThat(AtomicFiles.isTemporary(Path.of(".vr-12-0123456789abcdef.tmp"))).isTrue();
    assertThat(AtomicFiles.isTemporary(Path.of("home.png"))).isFalse();
  }

  static Path temp(Path dir, long pid, String random, Duration age) throws IOException {
    Path p = Files.writeString(dir.resolve(".vr-" + pid + "-" + random + ".tmp"), "partial");
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
    return p;
  }

  /** The id of a process that has ended. */
  /** The id of a process that has just ended. */
  public static long deadPid() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }

  private static java.util.List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
