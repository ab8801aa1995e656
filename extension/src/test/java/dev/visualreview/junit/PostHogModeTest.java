package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.VisualReviewFailedError;
import dev.visualreview.api.contract.ContractServer;
import dev.visualreview.image.ContentHash;
import dev.visualreview.run.config.InternalKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The extension against the contract server: real HTTP, real PostHog backend, real outcome rules.
 */
class PostHogModeTest {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path workDir;
  private final ContractServer server = ContractServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Shop {
    @org.junit.jupiter.api.Test
    void home(Snapshots snapshots) {
      snapshots.capture("hero", TestPngs.png(1));
      snapshots.capture("footer", TestPngs.png(2));
    }

    @org.junit.jupiter.api.Test
    void cart(Snapshots snapshots) {
      snapshots.capture("cart", TestPngs.png(3));
    }
  }

  static Map<String, String> shopBaseline() {
    return Map.of(
        "Shop--home--hero", ContentHash.of(TestPngs.png(1)).contentHash(),
        "Shop--home--footer", ContentHash.of(TestPngs.png(2)).contentHash(),
        "Shop--cart--cart", ContentHash.of(TestPngs.png(3)).contentHash());
  }

  private VisualReviewKit kit() {
    return kit("report");
  }

  /** Each suite of one test gets its own report folder: a second suite there is a re-run. */
  private VisualReviewKit kit(String reportFolder) {
    return new VisualReviewKit(workDir.resolve(reportFolder))
        .without(InternalKeys.BACKEND_CLASS)
        .with(ConfigKeys.MODE, "posthog")
        .with(ConfigKeys.POSTHOG_HOST, server.host())
        .with(ConfigKeys.POSTHOG_PROJECT_ID, server.projectId())
        .with(ConfigKeys.POSTHOG_REPO_ID, server.repoId())
        .with(ConfigKeys.POSTHOG_API_KEY, server.apiKey())
        .with(ConfigKeys.BASELINE, workDir.resolve("snapshots.yml").toString())
        .with(ConfigKeys.BRANCH, "feat/checkout")
        .with(ConfigKeys.COMMIT, COMMIT)
        .with(ConfigKeys.PR, "7")
        .with(ConfigKeys.POSTHOG_POLL_INTERVAL_MILLIS, "50")
        .with(ConfigKeys.TIMEOUT_SECONDS, "60");
  }

  @Test
  void cleanSuiteCreatesOneCompletedRunAndPasses() {
    server.setBaseline(server.repoId(), "junit", shopBaseline());

    EngineExecutionResults results = kit().run(Shop.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    assertThat(server.runIds()).hasSize(1);
    ContractServer.RunView run = server.run(server.runIds().get(0));
    assertThat(run.status()).isEqualTo("completed");
    assertThat(run.runType()).isEqualTo("junit");
    assertThat(run.branch()).isEqualTo("feat/checkout");
    assertThat(run.commitSha()).isEqualTo(COMMIT);
    assertThat(run.prNumber()).isEqualTo(7);
    assertThat(run.purpose()).isEqualTo("review");
    assertThat(run.results())
        .containsOnlyKeys("Shop--home--hero", "Shop--home--footer", "Shop--cart--cart")
        .allSatisfy((id, result) -> assertThat(result).isEqualTo("unchanged"));
    assertThat(workDir.resolve("report/result.json")).exists();
    assertThat(workDir.resolve("report/index.html")).exists();
  }

  @Test
  void changedSnapshotFailsTheBuildListingItAndTheReviewUrl() {
    Map<String, String> baseline = new java.util.HashMap<>(shopBaseline());
    baseline.put("Shop--home--hero", ContentHash.of(TestPngs.png(50)).contentHash());
    server.setBaseline(server.repoId(), "junit", baseline);
    server.setDiffPercentage("Shop--home--hero", 3.5);

    EngineExecutionResults results = kit().run(Shop.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    String runId = server.runIds().get(0);
    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("changed: Shop--home--hero (3.50% diff)")
        .hasMessageContaining(server.host() + "/project/2/visual_review/runs/" + runId)
        .hasMessageNotContaining("Shop--cart--cart")
        .hasMessageNotContaining(server.apiKey());
    String message = VisualReviewKit.engineFailure(results).getMessage();
    assertThat(VisualReviewKit.occurrences(message, "Shop--home--hero")).as(message).isEqualTo(1);
    assertThat(VisualReviewKit.occurrences(message, "/visual_review/runs/" + runId))
        .as(message)
        .isEqualTo(1);
  }

  @Test
  void observeDriftFailsWithoutTolerateDriftAndWarnsWithIt() {
    server.setBaseline(server.repoId(), "junit", Map.of());

    EngineExecutionResults strict = kit().with(ConfigKeys.PURPOSE, "observe").run(Shop.class);
    assertThat(VisualReviewKit.engineFailure(strict))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("Unapproved snapshot drift on feat/checkout");

    EngineExecutionResults tolerant =
        kit("report-tolerant")
            .with(ConfigKeys.PURPOSE, "observe")
            .with(ConfigKeys.TOLERATE_DRIFT, "true")
            .run(Shop.class);
    assertThat(VisualReviewKit.engineFailure(tolerant)).isNull();
    tolerant.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(server.run(server.runIds().get(1)).purpose()).isEqualTo("observe");
  }

  @Test
  void serviceDownFailsTheBuildByDefaultAndOnlyWarnsWhenConfigured() {
    String deadHost;
    try (ContractServer gone = ContractServer.start()) {
      deadHost = gone.host();
    }

    EngineExecutionResults failing = kit().with(ConfigKeys.POSTHOG_HOST, deadHost).run(Shop.class);
    failing.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(VisualReviewKit.engineFailure(failing))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("Visual review could not finish")
        .hasMessageContaining("visualreview.onUnreachable=warn")
        .hasMessageNotContaining(server.apiKey());

    EngineExecutionResults warning =
        kit("report-warn")
            .with(ConfigKeys.POSTHOG_HOST, deadHost)
            .with(ConfigKeys.ON_UNREACHABLE, "warn")
            .run(Shop.class);
    warning.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(VisualReviewKit.engineFailure(warning)).isNull();
  }

  @Test
  void aRefusedUploadLeavesAReportOfThisRunNotOfTheLastOne() throws Exception {
    server.setBaseline(server.repoId(), "junit", shopBaseline());
    Path report = workDir.resolve("report");
    EarlierReport.passed(report);
    server
        .faults()
        .rejectUploads(20, 403, "AccessDenied", "Invalid according to Policy: Policy expired.");

    EngineExecutionResults results = kit().run(Shop.class);

    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("AccessDenied");
    JsonNode json = EarlierReport.result(report);
    assertThat(json.get("verdict").asText()).isEqualTo("error");
    assertThat(json.get("status").asText()).isEqualTo("error");
    assertThat(json.get("run_id").asText()).isEqualTo(server.runIds().get(0));
    assertThat(json.get("error_message").asText()).contains("AccessDenied");
    assertThat(json.get("not_judged").findValuesAsText("identifier"))
        .containsExactlyInAnyOrder("Shop--home--hero", "Shop--home--footer", "Shop--cart--cart");
    assertThat(EarlierReport.page(report))
        .doesNotContain(EarlierReport.MARKER)
        .contains("ERROR")
        .contains("Shop--cart--cart")
        .contains("AccessDenied");
  }

  @Test
  void aRunStuckInProcessingSaysSoWithItsIdAndPage() throws Exception {
    server.setBaseline(
        server.repoId(), "junit", Map.of()); // new snapshots: the run needs processing
    server.setStuckInProcessing(true);

    EngineExecutionResults results = kit().with(ConfigKeys.TIMEOUT_SECONDS, "10").run(Shop.class);

    String runId = server.runIds().get(0);
    String page = server.host() + "/project/2/visual_review/runs/" + runId;
    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("did not arrive within 10s")
        .hasMessageContaining("run " + runId + " was completed and still being processed")
        .hasMessageContaining(page)
        .hasMessageContaining("did not deliver a verdict in time")
        .hasMessageNotContaining("could not be reached");
    JsonNode json = EarlierReport.result(workDir.resolve("report"));
    assertThat(json.get("verdict").asText()).isEqualTo("error");
    assertThat(json.get("run_id").asText()).isEqualTo(runId);
    assertThat(json.get("review_url").asText()).isEqualTo(page);
  }

  @Test
  void identifiersFromTheServerCannotIssueWorkflowCommands() throws Exception {
    Map<String, String> baseline = new java.util.HashMap<>(shopBaseline());
    baseline.put("Shop--gone\n::add-mask::hidden", ContentHash.of(TestPngs.png(9)).contentHash());
    baseline.put(
        "Shop--old\r\n\u00a0::error title=pwned::x", ContentHash.of(TestPngs.png(8)).contentHash());
    server.setBaseline(server.repoId(), "junit", baseline);

    ConsoleCapture console = ConsoleCapture.start();
    EngineExecutionResults results;
    try {
      results =
          kit()
              .with(ConfigKeys.PARTIAL, "false")
              .with(InternalKeys.ENVIRONMENT, "only:GITHUB_ACTIONS=true")
              .run(Shop.class);
    } finally {
      console.stop();
    }

    String message = VisualReviewKit.engineFailure(results).getMessage();
    assertThat(message).contains("removed: Shop--gone\\n::add-mask::hidden");
    ConsoleCapture.assertNoWorkflowCommandsBut(message, List.of());
    ConsoleCapture.assertNoWorkflowCommandsBut(console.text(), List.of("::error title=Visual "));
  }

  @Test
  void aRenamedCaptureSaysItLooksLikeARename() {
    Map<String, String> baseline = new java.util.HashMap<>(shopBaseline());
    baseline.put("Shop--before--hero", baseline.remove("Shop--home--hero"));
    server.setBaseline(server.repoId(), "junit", baseline);

    EngineExecutionResults results = kit().with(ConfigKeys.PARTIAL, "false").run(Shop.class);

    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining(
            "new: Shop--home--hero in Shop.home() — looks like a rename of Shop--before--hero")
        .hasMessageContaining("1 new snapshot looks like a renamed one")
        .hasMessageContaining("1 snapshot no longer produced: approve its removal on PostHog");
  }

  @Test
  void autoModeUsesTheBaselineFilesConfigAndTheKey() throws Exception {
    server.setBaseline(server.repoId(), "junit", shopBaseline());
    java.nio.file.Files.writeString(
        workDir.resolve("snapshots.yml"),
        "version: 1\nconfig:\n  api: "
            + server.host()
            + "\n  team: '"
            + server.projectId()
            + "'\n  repo: "
            + server.repoId()
            + "\nsnapshots: {}\n");

    EngineExecutionResults results =
        kit()
            .with(ConfigKeys.MODE, "auto")
            .without(ConfigKeys.POSTHOG_HOST)
            .without(ConfigKeys.POSTHOG_PROJECT_ID)
            .without(ConfigKeys.POSTHOG_REPO_ID)
            .run(Shop.class);

    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    assertThat(server.runIds()).hasSize(1);
    assertThat(server.run(server.runIds().get(0)).status()).isEqualTo("completed");
  }

  static final java.util.concurrent.atomic.AtomicInteger browsersStarted =
      new java.util.concurrent.atomic.AtomicInteger();

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class StartsABrowser {
    @org.junit.jupiter.api.BeforeAll
    static void startBrowser() {
      browsersStarted.incrementAndGet();
    }

    @org.junit.jupiter.api.Test
    void page(Snapshots snapshots) {
      snapshots.capture("page", TestPngs.png(4));
    }
  }

  @Test
  void posthogModeWithoutTheKeyFailsOnceBeforeAnyClassStarts() {
    browsersStarted.set(0);

    EngineExecutionResults results =
        kit().without(ConfigKeys.POSTHOG_API_KEY).run(StartsABrowser.class, Shop.class);

    assertThat(browsersStarted).as("@BeforeAll methods that ran").hasValue(0);
    assertThat(results.testEvents().failed().count()).as("failed tests").isZero();
    assertThat(results.containerEvents().skipped().count()).as("skipped classes").isEqualTo(2);
    assertThat(results.allEvents().failed().count()).as("failures in all").isEqualTo(1);
    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("POSTHOG_PERSONAL_API_KEY")
        .hasMessageContaining("visualreview.mode=posthog needs settings that are missing");
    assertThat(server.runIds()).isEmpty();
  }
}
