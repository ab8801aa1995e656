package dev.visualreview.run.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.api.ApiKey;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.api.ConnectionFailedException;
import dev.visualreview.api.RunTimeoutException;
import dev.visualreview.api.TestSleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.api.contract.ContractServer;
import dev.visualreview.api.contract.TestPngs;
import dev.visualreview.report.OutcomeText;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.RunStatus;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.OnUnreachable;
import dev.visualreview.run.config.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostHogBackendTest {
  private final ContractServer server = ContractServer.start();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void close() {
    server.close();
  }

  private VisualReviewClient client() {
    ApiSettings api =
        ApiSettings.of(server.host(), server.projectId(), ApiKey.of(server.apiKey()))
            .withPolling(Duration.ofMillis(5), Duration.ofMillis(50));
    return new VisualReviewClient(api, new TestSleeper(), logs::add);
  }

  private PostHogBackend.Settings settings(
      Purpose purpose,
      boolean tolerateDrift,
      boolean autoApprove,
      String join,
      OnUnreachable policy) {
    ApiSettings api = ApiSettings.of(server.host(), server.projectId(), ApiKey.of(server.apiKey()));
    return PostHogBackend.Settings.builder(api)
        .repoId(server.repoId())
        .runType("playwright")
        .purpose(purpose)
        .revision("feat/login", "0123456789abcdef0123456789abcdef01234567", 42)
        .metadata(Map.of("github_run_id", "111", "github_check_run_id", "222"))
        .tolerateDrift(tolerateDrift)
        .autoApprove(autoApprove)
        .baselineFile(dir.resolve("snapshots.yml"))
        .joinRunId(join)
        .onUnreachable(policy)
        .build();
  }

  private PostHogBackend backend(PostHogBackend.Settings s) {
    return new PostHogBackend(s, client(), logs::add);
  }

  private PostHogBackend backend() {
    return backend(settings(Purpose.REVIEW, false, false, null, OnUnreachable.FAIL));
  }

  static Snapshot snapshot(String id, int seed) {
    byte[] png = TestPngs.numbered(seed);
    return new Snapshot(
        id, png, TestPngs.hash(png), 8, 6, Map.of("browser", "chromium"), "LoginTest.works()");
  }

  private void baseline(Snapshot... snapshots) {
    Map<String, String> b = new HashMap<>();
    for (Snapshot s : snapshots) {
      b.put(s.identifier(), s.contentHash());
    }
    server.setBaseline(server.repoId(), "playwright", b);
  }

  @Test
  void aCleanSuitePasses() {
    Snapshot a = snapshot("LoginTest--works--form", 1);
    Snapshot b = snapshot("LoginTest--works--error", 2);
    baseline(a, b);
    try (PostHogBackend backend = backend()) {
      backend.open();
      backend.addShard(new Shard("LoginTest", List.of(a, b)));
      RunOutcome outcome = backend.complete();

      assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
      assertThat(outcome.exitCode()).isZero();
      assertThat(OutcomeText.summary(outcome)).isEqualTo("No visual changes");
      assertThat(outcome.counts().total()).isEqualTo(2);
      assertThat(outcome.counts().unchanged()).isEqualTo(2);
      ContractServer.RunView run = server.run(backend.runId());
      assertThat(run.identifiers())
          .containsExactly("LoginTest--works--form", "LoginTest--works--error");
      assertThat(run.checkRunId()).isEqualTo("222");
      assertThat(run.prNumber()).isEqualTo(42);
      assertThat(server.requests("POST", "^/runs/$").get(0).bodyText())
          .contains("\"snapshots\":[]");
      assertThat(logs).contains("Run created: " + backend.runId());
    }
  }

  @Test
  void aChangeFailsWithTheListAndTheReviewUrl() {
    Snapshot a = snapshot("cart", 1);
    Snapshot b = snapshot("home", 2);
    baseline(snapshot("cart", 99), b);
    server.setDiffPercentage("cart", 4.5);
    try (PostHogBackend backend = backend()) {
      backend.open();
      backend.addShard(new Shard("CartTest", List.of(a, b)));
      RunOutcome outcome = backend.complete();

      assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(outcome.exitCode()).isEqualTo(1);
      String url = server.host() + "/project/2/visual_review/runs/" + backend.runId();
      assertThat(OutcomeText.summary(outcome))
          .isEqualTo(
              "2 snapshots — 1 unchanged, 1 changed, 0 new, 0 removed\n  changed: cart (4.50% diff)\n"
                  + "Visual changes detected — review at: "
                  + url);
      SnapshotVerdict cart = outcome.snapshots().get(0);
      assertThat(cart.result()).isEqualTo(SnapshotResult.CHANGED);
      assertThat(cart.source()).isEqualTo("LoginTest.works()");
      assertThat(cart.reviewUrl()).startsWith(url + "?snapshot=");
      assertThat(outcome.reviewUrl()).isEqualTo(url);
    }
  }

  @Test
  void concurrentShardsLoseNothing() throws Exception {
    try (PostHogBackend backend = backend()) {
      backend.open();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int shard = t;
        futures.add(
            pool.submit(
                () -> {
                  List<Snapshot> shots = new ArrayList<>();
                  for (int i = 0; i < 25; i++) {
                    shots.add(snapshot("Class" + shard + "--m--s" + i, shard * 100 + i));
                  }
                  backend.addShard(new Shard("Class" + shard, shots));
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      RunOutcome outcome = backend.complete();

      assertThat(server.run(backend.runId()).identifiers()).hasSize(200);
      assertThat(server.uploadsAccepted()).isEqualTo(200);
      assertThat(outcome.counts().added()).isEqualTo(200);
      assertThat(OutcomeText.summary(outcome)).contains("  ...and 175 more");
    }
  }

  @Test
  void observeDriftWarnsWithTolerateDriftAndFailsWithout() {
    baseline(snapshot("gone", 5));
    Snapshot a = snapshot("kept", 1);
    try (PostHogBackend tolerant =
        backend(settings(Purpose.OBSERVE, true, false, null, OnUnreachable.FAIL))) {
      tolerant.open();
      tolerant.addShard(new Shard("T", List.of(a)));
      RunOutcome outcome = tolerant.complete();
      assertThat(outcome.verdict()).isEqualTo(Verdict.WARN);
      assertThat(outcome.exitCode()).isZero();
      assertThat(OutcomeText.summary(outcome)).contains("Unapproved snapshot drift on feat/login");
      assertThat(server.run(tolerant.runId()).purpose()).isEqualTo("observe");
    }
    try (PostHogBackend strict =
        backend(settings(Purpose.OBSERVE, false, false, null, OnUnreachable.FAIL))) {
      strict.open();
      strict.addShard(new Shard("T", List.of(a)));
      assertThat(strict.complete().verdict()).isEqualTo(Verdict.FAIL);
    }
  }

  @Test
  void aRunThatFailsIntegrityFailsTheSuite() {
    Snapshot honest = snapshot("a", 1);
    Snapshot lying =
        new Snapshot("a", TestPngs.numbered(2), honest.contentHash(), 8, 6, Map.of(), "");
    try (PostHogBackend backend = backend()) {
      backend.open();
      backend.addShard(new Shard("T", List.of(lying)));
      RunOutcome outcome = backend.complete();
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(OutcomeText.summary(outcome))
          .startsWith("Run failed: Upload integrity check failed: claimed ");
    }
  }

  @Test
  void autoApproveWritesTheBaselineFile() throws Exception {
    Snapshot a = snapshot("cart", 1);
    try (PostHogBackend backend =
        backend(settings(Purpose.OBSERVE, false, true, null, OnUnreachable.FAIL))) {
      backend.open();
      backend.addShard(new Shard("T", List.of(a)));
      RunOutcome outcome = backend.complete();

      assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
      assertThat(outcome.exitCode()).isZero();
      String yaml = Files.readString(dir.resolve("snapshots.yml"));
      assertThat(yaml)
          .startsWith("version: 1\n")
          .contains("    cart:\n        hash: v1.kcontract." + a.contentHash());
      assertThat(OutcomeText.summary(outcome))
          .contains("Auto-approved 1 change(s)", "snapshots.yml");
      assertThat(server.requests("POST", "/finalize/$").get(0).bodyText())
          .contains("\"approve_all\":true", "\"commit_to_github\":false");
      assertThat(server.run(backend.runId()).purpose())
          .as("auto-approve forces review")
          .isEqualTo("review");
      assertThat(outcome.snapshots().get(0).reviewState()).isEqualTo(ReviewState.APPROVED);
    }
  }

  @Test
  void autoApproveFallsBackOnOldServers() throws Exception {
    server.setFinalizeMissing(true);
    try (PostHogBackend backend =
        backend(settings(Purpose.REVIEW, false, true, null, OnUnreachable.FAIL))) {
      backend.open();
      backend.addShard(new Shard("T", List.of(snapshot("x", 3))));
      assertThat(backend.complete().verdict()).isEqualTo(Verdict.PASS);
      assertThat(Files.readString(dir.resolve("snapshots.yml"))).contains("    x:\n");
      assertThat(server.requests("POST", "/auto-approve/$")).hasSize(1);
    }
  }

  @Test
  void joiningARunLeavesCompletionToRunComplete() {
    String runId;
    try (PostHogBackend creator = backend()) {
      creator.open();
      runId = creator.runId();
    }
    try (PostHogBackend shard =
        backend(settings(Purpose.REVIEW, false, false, runId, OnUnreachable.FAIL))) {
      shard.open();
      shard.addShard(new Shard("T", List.of(snapshot("a", 1), snapshot("b", 2))));
      RunOutcome outcome = shard.complete();
      assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
      assertThat(outcome.status()).isEqualTo(RunStatus.PENDING);
      assertThat(OutcomeText.summary(outcome))
          .contains(
              "Added 2 snapshot(s) in 1 shard(s) to run " + runId,
              "run complete --run-id " + runId);
    }
    assertThat(server.run(runId).status()).isEqualTo("pending");
    assertThat(server.runIds()).hasSize(1);
    assertThat(server.requests("POST", "/complete/$")).isEmpty();
  }

  @Test
  void joiningAFinishedRunIsRefused() {
    String runId;
    try (PostHogBackend creator = backend()) {
      creator.open();
      creator.complete();
      runId = creator.runId();
    }
    PostHogBackend late =
        backend(settings(Purpose.REVIEW, false, false, runId, OnUnreachable.FAIL));
    assertThatThrownBy(late::open)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already 'completed'")
        .hasMessageContaining("run create");
  }

  @Test
  void unreachableServiceFollowsTheFailurePolicy() {
    server.faults().drop(null, ".", false, 1000);
    try (PostHogBackend warn =
        backend(settings(Purpose.REVIEW, false, false, null, OnUnreachable.WARN))) {
      warn.open();
      warn.addShard(new Shard("T", List.of(snapshot("a", 1))));
      RunOutcome outcome = warn.complete();
      assertThat(outcome.verdict()).isEqualTo(Verdict.WARN);
      assertThat(outcome.exitCode()).isZero();
      assertThat(outcome.status()).isEqualTo(RunStatus.SKIPPED);
      assertThat(OutcomeText.summary(outcome))
          .startsWith("PostHog Visual Review could not be reached")
          .contains("failure policy 'warn'");
    }
    assertThatThrownBy(() -> backend().open()).isInstanceOf(ConnectionFailedException.class);
  }

  @Test
  void configurationErrorsFailEvenWithTheWarnPolicy() {
    server.setWriteScope(false);
    PostHogBackend warn = backend(settings(Purpose.REVIEW, false, false, null, OnUnreachable.WARN));
    assertThatThrownBy(warn::open).hasMessageContaining("visual_review:write");
  }

  @Test
  void aRunStuckInProcessingIsACommandFailure() {
    server.setStuckInProcessing(true);
    try (PostHogBackend backend = backend()) {
      backend.open();
      backend.addShard(new Shard("T", List.of(snapshot("a", 1))));
      assertThatThrownBy(backend::complete)
          .isInstanceOf(RunTimeoutException.class)
          .hasMessageStartingWith("Run did not complete within 50ms");
    }
  }

  @Test
  void aListingFailureKeepsTheOutcomeAndSaysSo() {
    baseline(snapshot("a", 9));
    server.faults().status("GET", "/snapshots/$", 403, 1);
    try (PostHogBackend backend = backend()) {
      backend.open();
      backend.addShard(new Shard("T", List.of(snapshot("a", 1))));
      RunOutcome outcome = backend.complete();
      assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(OutcomeText.summary(outcome))
          .contains("Visual changes detected", "Could not list changed snapshots:");
    }
  }

  @Test
  void settingsNameWhatIsMissing() {
    ApiSettings api = ApiSettings.of("https://us.posthog.com", "2", ApiKey.of("k"));
    assertThatThrownBy(() -> PostHogBackend.Settings.builder(api).runType("playwright").build())
        .hasMessageContaining("Repo ID required");
    assertThatThrownBy(
            () -> PostHogBackend.Settings.builder(api).repoId("nope").runType("playwright").build())
        .hasMessageContaining("must be a UUID");
    assertThatThrownBy(
            () ->
                PostHogBackend.Settings.builder(api)
                    .repoId(server.repoId())
                    .runType("playwright")
                    .autoApprove(true)
                    .build())
        .hasMessageContaining("baseline file");
  }
}
