package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualChangesError;
import dev.visualreview.VisualReview;
import dev.visualreview.VisualReviewFailedError;
import dev.visualreview.run.config.InternalKeys;
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
        .without(InternalKeys.BACKEND_CLASS)
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
        kit().with(InternalKeys.ENVIRONMENT, "only:CI=true").run(ThirtyNewScreens.class);

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
  void anUnwritableBaselineFolderLeavesAReportOfThisRun() throws Exception {
    Path notAFolder = workDir.resolve("baselines-are-a-file");
    Files.writeString(notAFolder, "not a folder");
    Path report = workDir.resolve("report");
    EarlierReport.passed(report);

    EngineExecutionResults results =
        kit().with(ConfigKeys.BASELINE_DIR, notAFolder.toString()).run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.failed(1));
    assertThat(testFailures(results).get(0)).hasMessageContaining("cannot write baseline image");
    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("Visual review could not finish")
        .hasMessageContaining("cannot write baseline image")
        .as("local mode has no service to reach")
        .hasMessageNotContaining("could not be reached")
        .hasMessageNotContaining("onUnreachable");
    JsonNode json = EarlierReport.result(report);
    assertThat(json.get("verdict").asText()).isEqualTo("error");
    assertThat(json.get("error_message").asText()).contains("cannot write baseline image");
    assertThat(json.get("not_judged").findValuesAsText("identifier"))
        .containsExactlyInAnyOrder("LocalShop--home--hero", "LocalShop--home--footer");
    assertThat(EarlierReport.page(report)).doesNotContain(EarlierReport.MARKER).contains("ERROR");
  }

  @Test
  void aReportThatCannotBeWrittenIsNamedInTheBuildFailureAndTheEarlierPageIsGone()
      throws Exception {
    commitBaseline("LocalShop--home--hero", 50);
    commitBaseline("LocalShop--home--footer", 2);
    Path report = workDir.resolve("report");
    EarlierReport.passed(report);
    Files.delete(report.resolve("result.json"));
    Files.createDirectories(report.resolve("result.json"));
    Files.writeString(report.resolve("result.json/blocker"), "a folder where result.json goes");

    EngineExecutionResults results = kit().with(ConfigKeys.UPDATE, "none").run(LocalShop.class);

    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("changed: LocalShop--home--hero")
        .hasMessageContaining("cannot write the visual review report to " + report)
        .hasMessageContaining("index.html there was removed");
    assertThat(report.resolve("index.html")).doesNotExist();
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class LongName {
    static final String NAME = "a".repeat(300);

    @org.junit.jupiter.api.Test
    void shot(Snapshots snapshots) {
      snapshots.capture(NAME, TestPngs.png(1));
    }
  }

  @Test
  void aLongIdentifierLeavesAReportOfThisRun() throws Exception {
    Path report = workDir.resolve("report");
    EarlierReport.passed(report);

    EngineExecutionResults results = kit().run(LongName.class);

    // Whether or not the file system takes a file name this long, the report is this run's.
    assertThat(EarlierReport.page(report)).doesNotContain(EarlierReport.MARKER);
    JsonNode json = EarlierReport.result(report);
    assertThat(json.findValuesAsText("identifier")).contains("LongName--shot--" + LongName.NAME);
    if (VisualReviewKit.engineFailure(results) != null) {
      assertThat(json.get("verdict").asText()).isEqualTo("error");
    }
  }

  @Test
  void aReportFolderThatCannotBeCreatedSaysSo() throws Exception {
    Path blocker = workDir.resolve("blocker");
    Files.writeString(blocker, "a file where the report folder's parent should be");

    EngineExecutionResults results =
        kit()
            .with(ConfigKeys.REPORT_DIR, blocker.resolve("report").toString())
            .with(ConfigKeys.CACHE_DIR, workDir.resolve("cache").toString())
            .run(LocalShop.class);

    results.testEvents().assertStatistics(s -> s.failed(1));
    assertThat(VisualReviewKit.engineFailure(results))
        .hasMessageContaining(
            "cannot write the visual review report to " + blocker.resolve("report"));
  }

  @Test
  void identifiersFromSnapshotsYmlCannotIssueWorkflowCommands() throws Exception {
    commitBaseline("LocalShop--home--hero", 1);
    commitBaseline("LocalShop--home--footer", 2);
    String hash = dev.visualreview.image.ContentHash.of(TestPngs.png(3)).contentHash();
    Files.writeString(
        workDir.resolve("snapshots.yml"),
        "version: 1\nsnapshots:\n"
            + "    \"LocalShop--gone\\n::add-mask::hidden\":\n        hash: v1.k0badcafe."
            + hash
            + ".nLLctRtkb0YmsiYDcQmupSK1O6mGn1xdNzcihsIgN0c\n"
            + "    \"LocalShop--old\\r\\n\\u00a0::error title=pwned::x\":\n        hash: v1.k0badcafe."
            + hash
            + ".nLLctRtkb0YmsiYDcQmupSK1O6mGn1xdNzcihsIgN0c\n");

    ConsoleCapture console = ConsoleCapture.start();
    EngineExecutionResults results;
    try {
      results =
          kit()
              .with(ConfigKeys.PARTIAL, "false")
              .with(ConfigKeys.UPDATE, "none")
              .with(InternalKeys.ENVIRONMENT, "only:GITHUB_ACTIONS=true")
              .run(LocalShop.class);
    } finally {
      console.stop();
    }

    String message = VisualReviewKit.engineFailure(results).getMessage();
    assertThat(message).contains("removed: LocalShop--gone\\n::add-mask::hidden");
    ConsoleCapture.assertNoWorkflowCommandsBut(message, List.of());
    ConsoleCapture.assertNoWorkflowCommandsBut(console.text(), List.of("::error title=Visual "));
    assertThat(console.text()).contains("removed: LocalShop--old\\r\\n\u00a0::error");
  }

  private static String printedWhile(Runnable run) {
    ConsoleCapture console = ConsoleCapture.start();
    try {
      run.run();
    } finally {
      console.stop();
    }
    return console.text();
  }

  @Test
  void aFirstRunSaysItRecordedTheBaselinesOnce() {
    EngineExecutionResults[] results = new EngineExecutionResults[1];
    String printed = printedWhile(() -> results[0] = kit().run(LocalShop.class));

    assertThat(VisualReviewKit.engineFailure(results[0])).isNull();
    assertThat(printed)
        .contains("Verdict: PASS — 2 new baselines recorded: review and commit them")
        .doesNotContain("No visual changes");
    for (String id : List.of("LocalShop--home--hero", "LocalShop--home--footer")) {
      assertThat(
              VisualReviewKit.occurrences(
                  printed, "new baseline recorded at " + baselines().resolve(id + ".png")))
          .as(printed)
          .isEqualTo(1);
    }
  }

  @Test
  void anAcceptedChangeSaysSo() throws Exception {
    commitBaseline("LocalShop--home--hero", 50);
    commitBaseline("LocalShop--home--footer", 2);

    String printed =
        printedWhile(() -> kit().with(ConfigKeys.UPDATE, "changed").run(LocalShop.class));

    assertThat(printed)
        .contains("Verdict: PASS — 1 change accepted, baseline updated: review and commit it")
        .doesNotContain("No visual changes");
  }

  @Test
  void baselinesNoLongerUsedSayHowToPruneThem() throws Exception {
    commitBaseline("LocalShop--home--hero", 1);
    commitBaseline("LocalShop--home--footer", 2);
    commitBaseline("LocalShop--home--banner", 3);
    EngineExecutionResults[] results = new EngineExecutionResults[1];

    String printed =
        printedWhile(
            () ->
                results[0] =
                    kit()
                        .with(ConfigKeys.PARTIAL, "false")
                        .with(ConfigKeys.UPDATE, "none")
                        .run(LocalShop.class));

    String verdictLine =
        "1 baseline no longer used: delete it, or prune with -Dvisualreview.update=all";
    assertThat(printed).contains("Verdict: FAIL — " + verdictLine);
    assertThat(VisualReviewKit.engineFailure(results[0]))
        .hasMessageContaining(verdictLine)
        .hasMessageNotContaining("Visual changes detected");
  }

  @Test
  void aRenamedCaptureSaysItLooksLikeARename() throws Exception {
    commitBaseline("LocalShop--before--hero", 1);
    commitBaseline("LocalShop--home--footer", 2);
    EngineExecutionResults[] results = new EngineExecutionResults[1];

    String printed =
        printedWhile(
            () ->
                results[0] =
                    kit()
                        .with(ConfigKeys.PARTIAL, "false")
                        .with(InternalKeys.ENVIRONMENT, "only:CI=true")
                        .run(LocalShop.class));

    Path old = baselines().resolve("LocalShop--before--hero.png").toAbsolutePath().normalize();
    Path now = baselines().resolve("LocalShop--home--hero.png").toAbsolutePath().normalize();
    assertThat(printed)
        .contains(
            "new: LocalShop--home--hero — looks like a rename of LocalShop--before--hero (same"
                + " pixels): accept the rename with: git mv "
                + old
                + " "
                + now);
    assertThat(VisualReviewKit.engineFailure(results[0]))
        .hasMessageContaining(
            "new: LocalShop--home--hero in LocalShop.home() — looks like a rename of"
                + " LocalShop--before--hero")
        .hasMessageContaining("1 new snapshot looks like a renamed one");
  }

  @Test
  void missingBaselineFailsInCi() {
    EngineExecutionResults results =
        kit().with(InternalKeys.ENVIRONMENT, "only:CI=true").run(LocalShop.class);

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
