package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The extension with the real local backend: baselines on disk, per-test verdicts, reports. */
class LocalModeTest {
  @TempDir Path workDir;

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class LocalShop {
    @org.junit.jupiter.api.Test
    void home(Snapshots snapshots) {
      snapshots.capture("hero", TestPngs.png(1));
      snapshots.capture("footer", TestPngs.png(2));
    }
  }

  private Path baselines() {
    return workDir.resolve("baselines");
  }

  private VisualReviewKit kit() {
    return kit("report");
  }

  /** A suite of its own: a second suite with the same report folder is a re-run. */
  private VisualReviewKit kit(String reportFolder) {
    return new VisualReviewKit(workDir.resolve(reportFolder))
        .without(ConfigKeys.INTERNAL_BACKEND_CLASS)
        .with(ConfigKeys.MODE, "local")
        .with(ConfigKeys.BASELINE_DIR, baselines().toString())
        .with(ConfigKeys.BASELINE, workDir.resolve("snapshots.yml").toString());
  }

  private void commitBaseline(String identifier, int seed) throws Exception {
    Files.createDirectories(baselines());
    Files.write(baselines().resolve(identifier + ".png"), TestPngs.png(seed));
  }

  private static List<Throwable> testFailures(EngineExecutionResults results) {
    return results.testEvents().failed().stream()
        .map(
            e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
        .toList();
  }

  @Test
  void matchingBaselinesPassAndWriteTheReport() throws Exception {
    commitBaseline("LocalShop--home--hero", 1);
    commitBaseline("LocalShop--home--footer", 2);

    EngineExecutionResults results = kit().with(ConfigKeys.UPDATE, "none").run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    assertThat(workDir.resolve("report/index.html")).exists();
    assertThat(Files.readString(workDir.resolve("report/result.json")))
        .contains("LocalShop--home--hero");
  }

  @Test
  void changedSnapshotFailsTheTestWithDiffAndImagePathsAndTheBuild() throws Exception {
    commitBaseline("LocalShop--home--hero", 50);
    commitBaseline("LocalShop--home--footer", 2);

    EngineExecutionResults results = kit().with(ConfigKeys.UPDATE, "none").run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.failed(1));
    Throwable failure = testFailures(results).get(0);
    assertThat(failure)
        .isInstanceOf(VisualChangesError.class)
        .hasMessageStartingWith("1 snapshot needs review in LocalShop.home():")
        .hasMessageContaining("changed: LocalShop--home--hero (")
        .hasMessageContaining("% diff")
        .hasMessageNotContaining("footer");
    Matcher paths =
        Pattern.compile("(baseline|current |diff    ): (\\S+)").matcher(failure.getMessage());
    int shown = 0;
    while (paths.find()) {
      assertThat(Path.of(paths.group(2))).as(paths.group(1)).exists();
      shown++;
    }
    assertThat(shown).isEqualTo(3);
    Throwable engine = VisualReviewKit.engineFailure(results);
    assertThat(engine)
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("changed: LocalShop--home--hero (")
        .hasMessageNotContaining("footer");
    assertThat(VisualReviewKit.occurrences(engine.getMessage(), "LocalShop--home--hero"))
        .as(engine.getMessage())
        .isEqualTo(1);
    String report = workDir.resolve("report/index.html").toAbsolutePath().normalize().toString();
    assertThat(VisualReviewKit.occurrences(engine.getMessage(), report))
        .as(engine.getMessage())
        .isEqualTo(1);
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class ThirtyNewScreens {
    @org.junit.jupiter.api.Test
    void screens(Snapshots snapshots) {
      for (int i = 0; i < 30; i++) {
        snapshots.capture(
            "screen" + (char) ('A' + i / 10) + (char) ('a' + i % 10), TestPngs.png(i));
      }
    }
  }

  @Test
  void buildFailureListsEachActionableSnapshotOnceAndAtMost25() {
    EngineExecutionResults results =
        kit().with(ConfigKeys.INTERNAL_ENVIRONMENT, "only:CI=true").run(ThirtyNewScreens.class);

    String message = VisualReviewKit.engineFailure(results).getMessage();
    List<String> listed =
        Pattern.compile("\\n  new: (ThirtyNewScreens--screens--screen\\w+)")
            .matcher(message)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(listed).as(message).hasSize(25).doesNotHaveDuplicates();
    for (String id : listed) {
      assertThat(VisualReviewKit.occurrences(message, id)).as(id + " in " + message).isEqualTo(1);
    }
    assertThat(VisualReviewKit.occurrences(message, "ThirtyNewScreens--screens--"))
        .as(message)
        .isEqualTo(25);
    assertThat(VisualReviewKit.occurrences(message, "...and 5 more")).as(message).isEqualTo(1);
  }

  @Test
  void reRunInTheSameJvmIsJudgedAgainWithItsOwnReport() throws Exception {
    commitBaseline("LocalShop--home--hero", 50);
    commitBaseline("LocalShop--home--footer", 2);
    kit().with(ConfigKeys.UPDATE, "none").run(LocalShop.class);
    assertThat(workDir.resolve("report/index.html")).exists();

    EngineExecutionResults rerun = kit().with(ConfigKeys.UPDATE, "none").run(LocalShop.class);

    rerun.testEvents().assertStatistics(s -> s.failed(1));
    assertThat(testFailures(rerun).get(0))
        .hasMessageContaining(workDir.resolve("report/rerun").toString());
    assertThat(workDir.resolve("report/rerun/index.html")).exists();
    assertThat(workDir.resolve("report/index.html")).exists();
  }

  @Test
  void updateChangedAcceptsTheChangeAndRewritesTheBaseline() throws Exception {
    commitBaseline("LocalShop--home--hero", 50);
    commitBaseline("LocalShop--home--footer", 2);

    EngineExecutionResults results = kit().with(ConfigKeys.UPDATE, "changed").run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(baselines().resolve("LocalShop--home--hero.png")).hasBinaryContent(TestPngs.png(1));
  }

  @Test
  void missingBaselineIsRecordedOutsideCiWithANotice() {
    EngineExecutionResults results = kit().run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    assertThat(baselines().resolve("LocalShop--home--hero.png")).hasBinaryContent(TestPngs.png(1));
  }

  @Test
  void missingBaselineFailsInCi() {
    EngineExecutionResults results =
        kit().with(ConfigKeys.INTERNAL_ENVIRONMENT, "only:CI=true").run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.failed(1));
    assertThat(testFailures(results).get(0))
        .hasMessageContaining("new: LocalShop--home--hero")
        .hasMessageContaining("no baseline");
    assertThat(VisualReviewKit.engineFailure(results)).isInstanceOf(VisualReviewFailedError.class);
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class LongNames {
    static final String NAME_300 = "a-very-long-snapshot-name-".repeat(12).substring(0, 300);
    static final String NAME_600 = "b".repeat(600);

    @org.junit.jupiter.api.Test
    void screens(Snapshots snapshots) {
      snapshots.capture(NAME_300, TestPngs.png(1));
      snapshots.capture(NAME_600, TestPngs.png(2));
      snapshots.capture("short", TestPngs.png(3));
    }
  }

  @Test
  void identifiersLongerThanAFileNameAreRecordedComparedAndReported() throws Exception {
    EngineExecutionResults first = kit().run(LongNames.class);

    first.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(VisualReviewKit.engineFailure(first)).isNull();
    List<String> files;
    try (var listing = Files.list(baselines())) {
      files = listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files).hasSize(3).contains("LongNames--screens--short.png");
    assertThat(files)
        .allSatisfy(
            f ->
                assertThat(f.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(255));

    EngineExecutionResults second =
        kit("report2").with(ConfigKeys.UPDATE, "none").run(LongNames.class);

    second.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(VisualReviewKit.engineFailure(second)).isNull();
    String result = Files.readString(workDir.resolve("report2/result.json"));
    assertThat(result)
        .contains("LongNames--screens--" + LongNames.NAME_300)
        .contains("\"unchanged\" : 3")
        .doesNotContain("\"result\" : \"new\"")
        .doesNotContain("\"result\" : \"removed\"");

    Files.write(
        baselines()
            .resolve(files.stream().filter(f -> f.contains("a-very")).findFirst().orElseThrow()),
        TestPngs.png(40));
    EngineExecutionResults changed =
        kit("report3").with(ConfigKeys.UPDATE, "none").run(LongNames.class);
    assertThat(testFailures(changed).get(0))
        .hasMessageContaining("changed: LongNames--screens--" + LongNames.NAME_300);
  }
}
