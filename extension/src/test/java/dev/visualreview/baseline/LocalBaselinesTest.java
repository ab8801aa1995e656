package dev.visualreview.baseline;

import static dev.visualreview.baseline.ImageStoreTest.deadPid;
import static dev.visualreview.baseline.ImageStoreTest.stale;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBaselinesTest {
  @TempDir Path dir;

  @Test
  void writesReplaceAtomicallyAndLeaveOnlyThePng() throws Exception {
    LocalBaselines baselines = new LocalBaselines(dir, null);
    baselines.write("home", new byte[] {1});
    baselines.write("home", new byte[] {2});

    assertThat(baselines.baselineImage("home"))
        .hasValueSatisfying(p -> assertThat(p).hasBinaryContent(new byte[] {2}));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("home.png"));
    }
  }

  /**
   * Issue 12: {@code kill -9} mid-run left {@code *.tmp} files in the baseline directory, the one
   * users commit. Opening it removes them; a live writer's fresh file and the images stay.
   */
  @Test
  void openingTheDirectoryRemovesWhatKilledWritersLeft() throws Exception {
    Path killed = stale(dir.resolve(".vr-" + deadPid() + "-0123456789abcdef.tmp"), 10);
    Path legacy = stale(dir.resolve("checkout-page1234567890123.tmp"), 120);
    Path live =
        stale(dir.resolve(".vr-" + ProcessHandle.current().pid() + "-fedcba9876543210.tmp"), 10);
    Path recentLegacy = stale(dir.resolve("cart42.tmp"), 1);
    Path image = stale(dir.resolve("home.png"), 6000);

    LocalBaselines baselines = new LocalBaselines(dir, null);

    assertThat(killed).doesNotExist();
    assertThat(legacy).doesNotExist();
    assertThat(live).exists();
    assertThat(recentLegacy).exists();
    assertThat(image).exists();
    assertThat(baselines.identifiers()).containsExactly("home");
  }
}
