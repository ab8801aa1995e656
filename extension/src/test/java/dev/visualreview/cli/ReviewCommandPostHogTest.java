package dev.visualreview.cli;

import static dev.visualreview.review.PostHogRun.CART;
import static dev.visualreview.review.PostHogRun.FOOTER;
import static dev.visualreview.review.PostHogRun.HEADER;
import static dev.visualreview.review.PostHogRun.HERO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.api.contract.RecordedRequest;
import dev.visualreview.api.contract.TestPngs;
import dev.visualreview.review.PostHogRun;
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

/** {@code review} of a PostHog run, from a terminal, against the contract server. */
class ReviewCommandPostHogTest {
  @TempDir Path module;
  PostHogRun run;
  final Map<String, String> env = new HashMap<>();
  String stdout;
  String stderr;

  @BeforeEach
  void aPostHogRun() {
    run = new PostHogRun(module);
    run.run("feat/cart");
    env.put("POSTHOG_PERSONAL_API_KEY", run.server.apiKey());
    run.server.clearRequests();
  }

  @AfterEach
  void close() {
    run.close();
  }

  int review(String... args) {
    List<String> all = new ArrayList<>(List.of("review"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            module,
            (uri, log) -> {});
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(stdout + stderr).doesNotContain(run.server.apiKey());
    return code;
  }

  @Test
  void listShowsTheRunsSnapshotsThatNeedReview() {
    assertThat(review("--list")).isEqualTo(1);
    assertThat(stdout.lines().toList())
        .containsExactly(
            "changed: " + CART + " (12.50% diff, pixel)",
            "changed: " + HEADER + " (12.50% diff, pixel)",
            "new: " + HERO);
    assertThat(run.server.requests("GET", "/snapshots/$")).isNotEmpty();
    assertThat(run.server.requests(null, "/approve/$")).isEmpty();
  }

  @Test
  void acceptingOneApprovesItAndTheLastOneFinalizesAndWritesTheBaseline() throws Exception {
    assertThat(review("--accept", CART)).isEqualTo(1);
    List<RecordedRequest> approvals = run.server.requests("POST", "/approve/$");
    assertThat(approvals).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(approvals.get(0).bodyText());
    assertThat(body.toString())
        .isEqualTo(
            "{\"snapshots\":[{\"identifier\":\""
                + CART
                + "\",\"new_hash\":\""
                + TestPngs.hash(PostHogRun.current(CART))
                + "\"}]}");
    assertThat(run.server.requests("POST", "/finalize/$")).isEmpty();
    assertThat(stderr).contains("approved " + CART + " on PostHog", "2 snapshot(s) still need");
    assertThat(Files.readString(run.baselineFile)).contains("snapshots: {}");
    JsonNode result = new ObjectMapper().readTree(run.reportDir.resolve("result.json").toFile());
    assertThat(result.get("counts").get("unresolved").asInt()).isEqualTo(2);
    assertThat(result.get("snapshots").toString()).contains("\"approved\"");

    assertThat(review("--accept", HEADER, HERO)).isEqualTo(0);
    List<RecordedRequest> finalize = run.server.requests("POST", "/finalize/$");
    assertThat(finalize).hasSize(1);
    assertThat(finalize.get(0).bodyText())
        .contains("\"approve_all\":false", "\"commit_to_github\":false");
    String yml = Files.readString(run.baselineFile);
    assertThat(yml)
        .contains("    " + CART + ":\n        hash: v1.kcontract.")
        .contains(TestPngs.hash(PostHogRun.current(HERO)))
        .contains(FOOTER);
    assertThat(stderr).contains("baseline written to " + run.baselineFile, "Nothing left");
    assertThat(run.server.run(run.runId).approved()).isTrue();
  }

  @Test
  void acceptAllFinalizesWithApproveAllAndWritesTheBaseline() throws Exception {
    assertThat(review("--accept-all")).isEqualTo(0);
    List<RecordedRequest> finalize = run.server.requests("POST", "/finalize/$");
    assertThat(finalize).hasSize(1);
    assertThat(finalize.get(0).bodyText())
        .contains("\"approve_all\":true", "\"commit_to_github\":false");
    assertThat(Files.readString(run.baselineFile))
        .contains(TestPngs.hash(PostHogRun.current(CART)));
    assertThat(review("--list")).isEqualTo(0);
  }

  @Test
  void commitToGithubLeavesTheFileAndSaysWhenThePullRequestMoved() throws Exception {
    run.server.setPullRequestHead(run.runId, "fedcba9876543210fedcba9876543210fedcba98");
    assertThat(review("--accept-all", "--commit-to-github")).isEqualTo(2);
    assertThat(stderr)
        .contains("the pull request has commits newer than this run")
        .contains("Rerun the visual tests on the pull request's head");
    assertThat(Files.readString(run.baselineFile)).contains("snapshots: {}");

    run.server.setPullRequestHead(run.runId, "0123456789abcdef0123456789abcdef01234567");
    assertThat(review("--accept-all", "--commit-to-github")).isEqualTo(0);
    assertThat(stderr).contains("PostHog committed the new baseline to branch feat/cart");
    assertThat(Files.readString(run.baselineFile)).contains("snapshots: {}");
  }

  @Test
  void aStaleRunNamesTheNewerOne() {
    Path report = run.reportDir.resolve("result.json");
    String staleRun = run.runId;
    byte[] staleReport;
    try {
      staleReport = Files.readAllBytes(report);
      run.run("feat/cart"); // a newer run of the same branch supersedes it
      Files.write(report, staleReport);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    String newer = run.runId;
    assertThat(newer).isNotEqualTo(staleRun);
    assertThat(review("--list")).isEqualTo(1);
    assertThat(stdout).contains("a newer run exists for branch feat/cart", newer);
    assertThat(review("--accept", CART)).isEqualTo(2);
    assertThat(stderr).contains("review --run-id " + newer);

    assertThat(review("--run-id", newer, "--accept", CART)).isEqualTo(1);
    assertThat(stderr).contains("approved " + CART);
  }

  @Test
  void aRunThatCannotBeFinalizedYetSaysWhatToDo() {
    run.server
        .faults()
        .body(
            "POST",
            "/finalize/$",
            409,
            "application/json",
            "{\"detail\":\"Cannot finalize: 1 snapshot(s) still need review — approve or tolerate"
                + " them first: "
                + HERO
                + "\",\"code\":\"not_fully_resolved\"}",
            1);
    assertThat(review("--accept-all")).isEqualTo(2);
    assertThat(stderr)
        .contains("PostHog cannot finalize the run yet", HERO, "Accept those snapshots too");
  }

  @Test
  void withoutTheKeyItSaysWhereTheKeyComesFrom() {
    env.clear();
    assertThat(review("--list")).isEqualTo(2);
    assertThat(stderr).contains("POSTHOG_PERSONAL_API_KEY");
  }

  @Test
  void pruneIsRefusedForPostHogRuns() {
    assertThat(review("--prune", FOOTER)).isEqualTo(2);
    assertThat(stderr).contains("PostHog drops removed snapshots");
  }
}
