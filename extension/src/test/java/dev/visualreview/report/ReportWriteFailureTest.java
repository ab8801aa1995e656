package dev.visualreview.report;

import static dev.visualreview.report.ReportFixtures.changed;
import static dev.visualreview.report.ReportFixtures.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.run.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that cannot be written never leaves an earlier run's report looking like this one. */
class ReportWriteFailureTest {
  @TempDir Path dir;

  /** The real disk, failing where a test says: like a full or read-only one. */
  static final class FailingDisk implements Reports.Disk {
    String failWritesOf;
    String writeError;
    String deleteError;

    @Override
    public void createDirectories(Path d) throws IOException {
      Reports.DISK.createDirectories(d);
    }

    @Override
    public void write(Path target, String content) throws IOException {
      if (writeError != null
          && (failWritesOf == null || target.getFileName().toString().equals(failWritesOf))) {
        throw new FileSystemException(target.toString(), null, writeError);
      }
      Reports.DISK.write(target, content);
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
      if (deleteError != null && Files.exists(file)) {
        throw new FileSystemException(file.toString(), null, deleteError);
      }
      return Reports.DISK.deleteIfExists(file);
    }
  }

  FailingDisk disk = new FailingDisk();

  @BeforeEach
  void anEarlierRunPassed() {
    Reports.write(outcome("local", Verdict.PASS, List.of()), dir);
    assertThat(dir.resolve("result.json")).content().contains("\"verdict\" : \"pass\"");
  }

  @Test
  void aFullDiskRemovesTheEarlierReportAndSaysSo() {
    disk.writeError = "No space left on device";

    assertThatThrownBy(
            () ->
                Reports.write(
                    outcome("local", Verdict.FAIL, List.of(changed("a", 3, "pixel", "images/a"))),
                    dir,
                    disk))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write the visual review report to " + dir)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("result.json and index.html there were removed");
    assertThat(dir.resolve("result.json")).doesNotExist();
    assertThat(dir.resolve("index.html")).doesNotExist();
  }

  @Test
  void aReadOnlyFolderSaysTheEarlierReportIsStillThere() {
    disk.writeError = "Read-only file system";
    disk.deleteError = "Read-only file system";

    assertThatThrownBy(
            () ->
                Reports.write(
                    outcome("local", Verdict.FAIL, List.of(changed("a", 3, "pixel", "images/a"))),
                    dir,
                    disk))
        .hasMessageContaining("Read-only file system")
        .hasMessageContaining("result.json (")
        .hasMessageContaining("index.html (")
        .hasMessageContaining("could not be removed: they describe an earlier run, not this one");
  }

  @Test
  void whenOnlyThePageFailsTheResultIsThisRunsAndThePageIsGone() throws Exception {
    disk.failWritesOf = "index.html";
    disk.writeError = "No space left on device";

    assertThatThrownBy(
            () ->
                Reports.write(
                    outcome("local", Verdict.FAIL, List.of(changed("a", 3, "pixel", "images/a"))),
                    dir,
                    disk))
        .hasMessageContaining("index.html there was removed");
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("result.json").toFile())
                .get("verdict")
                .asText())
        .isEqualTo("fail");
    assertThat(dir.resolve("index.html")).doesNotExist();
  }
}
