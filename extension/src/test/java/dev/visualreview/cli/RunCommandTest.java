package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.api.ApiKey;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.api.TestSleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.api.contract.ContractServer;
import dev.visualreview.api.contract.TestPngs;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.posthog.PostHogBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run create} / {@code run complete} through {@link Main} against the contract server. */
class RunCommandTest {
  private final ContractServer server = ContractServer.start();
  private final Map<String, String> env = new HashMap<>();
  @TempDir Path dir;
  private Path baseline;
  private String stdout;
  private String stderr;

  @BeforeEach
  void setUp() throws Exception {
    server.setPollsUntilComplete(0);
    env.put("POSTHOG_PERSONAL_API_KEY", server.apiKey() + "\n");
    baseline = dir.resolve("snapshots.yml");
    Files.writeString(
        baseline,
        "version: 1\nconfig:\n    api: "
            + server.host()
            + "\n    team: '2'\n    repo: "
            + server.repoId()
            + "\nsnapshots: {}\n");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            dir);
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  private String create(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "create",
                "--baseline",
                "snapshots.yml",
                "--type",
                "playwright",
                "--branch",
                "feat/cli",
                "--commit",
                "0123456789abcdef0123456789abcdef01234567",
                "--pr",
                "12"));
    args.addAll(List.of(extra));
    assertThat(run(args.toArray(String[]::new))).as(stderr).isZero();
    return stdout.trim();
  }

  /** Another job (JVM) adding its shard to the run. */
  private void addShard(String runId, String... identifiers) {
    ApiSettings api = ApiSettings.of(server.host(), server.projectId(), ApiKey.of(server.apiKey()));
    PostHogBackend.Settings s =
        PostHogBackend.Settings.builder(api)
            .runType("playwright")
            .revision("feat/cli", "x", null)
            .joinRunId(runId)
            .build();
    try (PostHogBackend shard =
        new PostHogBackend(s, new VisualReviewClient(api, new TestSleeper(), l -> {}), l -> {})) {
      shard.open();
      List<Snapshot> shots = new ArrayList<>();
      for (String id : identifiers) {
        byte[] png = TestPngs.numbered(id.hashCode() & 0xffff);
        shots.add(new Snapshot(id, png, TestPngs.hash(png), 8, 6, Map.of(), ""));
      }
      shard.addShard(new Shard("shard", shots));
      shard.complete();
    }
  }

  private void baselineOf(String... identifiers) {
    Map<String, String> b = new HashMap<>();
    for (String id : identifiers) {
      b.put(id, TestPngs.hash(TestPngs.numbered(id.hashCode() & 0xffff)));
    }
    server.setBaseline(server.repoId(), "playwright", b);
  }

  @Test
  void createPrintsOnlyTheRunIdAndLogsOnStderr() {
    env.put("GITHUB_RUN_ID", "555");
    env.put("JOB_CHECK_RUN_ID", "777");
    String runId = create("--partial");

    assertThat(stdout).isEqualTo(runId + "\n");
    assertThat(server.runIds()).containsExactly(runId);
    assertThat(stderr)
        .contains(
            "Creating run: type=playwright, branch=feat/cli, commit=0123456789, purpose=review")
        .contains("Run created: " + runId);
    ContractServer.RunView run = server.run(runId);
    assertThat(run.prNumber()).isEqualTo(12);
    assertThat(run.partial()).isTrue();
    assertThat(run.identifiers()).isEmpty();
    assertThat(run.metadata())
        .containsEntry("github_run_id", "555")
        .containsEntry("github_check_run_id", "777");
  }

  @Test
  void shardsFromSeveralJobsThenACleanCompleteExitsZero() {
    baselineOf("a", "b");
    env.put("JOB_CHECK_RUN_ID", "4242");
    String runId = create();
    addShard(runId, "a");
    addShard(runId, "b");

    int code = run("complete", "--run-id", runId, "--baseline", baseline.toString());

    assertThat(code).as(stderr).isZero();
    assertThat(stdout).isEmpty();
    assertThat(stderr)
        .contains("[run:" + runId + "] Completing run " + runId)
        .contains(
            "[run:"
                + runId
                + "] Run complete: 2 snapshots — 2 unchanged, 0 changed, 0 new, 0 removed")
        .contains("[run:" + runId + "] No visual changes");
    assertThat(server.run(runId).identifiers()).containsExactly("a", "b");
    assertThat(server.run(runId).checkRunId())
        .as("the completing job's check run")
        .isEqualTo("4242");
  }

  @Test
  void changesExitOneWithTheListAndTheReviewUrl() {
    server.setBaseline(
        server.repoId(), "playwright", Map.of("a", TestPngs.hash(TestPngs.numbered(4242))));
    String runId = create();
    addShard(runId, "a", "fresh");

    int code = run("complete", "--run-id", runId);

    assertThat(code).isEqualTo(1);
    assertThat(stderr)
        .contains(
            "  changed: a (12.50% diff)",
            "  new: fresh",
            "Visual changes detected — review at: "
                + server.host()
                + "/project/2/visual_review/runs/"
                + runId);
  }

  @Test
  void autoApproveWritesTheBaselineAndExitsZero() throws Exception {
    String runId = create();
    addShard(runId, "page");

    int code = run("complete", "--run-id", runId, "--auto-approve");

    assertThat(code).as(stderr).isZero();
    assertThat(stderr).contains("Auto-approving all changes...", "Baseline written to " + baseline);
    assertThat(Files.readString(baseline)).contains("    page:\n        hash: v1.kcontract.");
  }

  @Test
  void observeDriftFailsUnlessToleratedAndWarnsOnGitHub() {
    String runId = create("--purpose", "observe");
    addShard(runId, "drifted");
    env.put("GITHUB_ACTIONS", "true");

    int code = run("complete", "--run-id", runId, "--purpose", "observe", "--tolerate-drift");

    assertThat(code).as(stderr).isZero();
    assertThat(stdout)
        .startsWith("::warning::Unapproved snapshot drift on feat/cli: approve the new baseline");

    String second = create("--purpose", "observe");
    addShard(second, "drifted2");
    assertThat(run("complete", "--run-id", second, "--purpose", "observe")).isEqualTo(1);
  }

  @Test
  void aFailedRunExitsOne() {
    String runId = create();
    ApiSettings api = ApiSettings.of(server.host(), server.projectId(), ApiKey.of(server.apiKey()));
    VisualReviewClient client = new VisualReviewClient(api, new TestSleeper(), l -> {});
    byte[] png = TestPngs.numbered(1);
    var added =
        client.addSnapshots(
            runId,
            new dev.visualreview.api.AddSnapshotsRequest(
                List.of(
                    new dev.visualreview.api.ManifestItem(
                        "a", TestPngs.hash(TestPngs.numbered(2)), 8, 6, Map.of()))));
    client.upload(
        added.uploads(),
        List.of(
            new dev.visualreview.api.UploadFile(added.uploads().get(0).contentHash(), png, "a")));

    assertThat(run("complete", "--run-id", runId)).isEqualTo(1);
    assertThat(stderr).contains("Run failed: Upload integrity check failed");
  }

  @Test
  void commandFailuresExitTwoWithAReason() {
    env.remove("POSTHOG_PERSONAL_API_KEY");
    assertThat(run("create", "--baseline", baseline.toString())).isEqualTo(2);
    assertThat(stderr).contains("POSTHOG_PERSONAL_API_KEY");

    env.put("POSTHOG_PERSONAL_API_KEY", "phx_not_the_right_key_000");
    assertThat(run("create", "--baseline", baseline.toString())).isEqualTo(2);
    assertThat(stderr)
        .contains("PostHog rejected the API key")
        .doesNotContain("phx_not_the_right_key_000");

    assertThat(run("complete")).isEqualTo(2);
    assertThat(stderr).contains("--run-id is required");
    assertThat(run("create", "--token", "phx_secret")).isEqualTo(2);
    assertThat(stderr)
        .contains("set POSTHOG_PERSONAL_API_KEY instead")
        .doesNotContain("phx_secret");
    assertThat(run("create", "--bogus")).isEqualTo(2);
    assertThat(stderr).contains("unknown option '--bogus'");
    assertThat(run("create", "--pr", "twelve")).isEqualTo(2);
    assertThat(stderr).contains("--pr must be a positive pull request number, got 'twelve'");
    assertThat(run("launch")).isEqualTo(2);
    assertThat(stderr).contains("expected create or complete");
  }

  @Test
  void missingConfigIsNamed() throws Exception {
    Files.writeString(baseline, "version: 1\nsnapshots: {}\n");
    env.put("POSTHOG_PERSONAL_API_KEY", server.apiKey());
    assertThat(run("create")).isEqualTo(2);
    assertThat(stderr).contains("Team ID required: pass --team or set config.team in");
    assertThat(run("create", "--team", "2", "--api", server.host())).isEqualTo(2);
    assertThat(stderr).contains("Repo ID required: pass --repo or set config.repo in");
  }

  @Test
  void aRunThatNeverFinishesTimesOutWithExitTwo() {
    String runId = create();
    addShard(runId, "slow");
    server.setStuckInProcessing(true);
    server.setPollsUntilComplete(1);

    int code = run("complete", "--run-id", runId, "--poll-interval", "0.01", "--timeout", "0.05");

    assertThat(code).isEqualTo(2);
    assertThat(stderr).contains("Run did not complete within 50ms");
  }

  @Test
  void anUnknownRunIsExplained() {
    assertThat(run("complete", "--run-id", "00000000-0000-0000-0000-000000000001")).isEqualTo(2);
    assertThat(stderr)
        .contains("Run 00000000-0000-0000-0000-000000000001 was not found in PostHog project 2");
  }
}
