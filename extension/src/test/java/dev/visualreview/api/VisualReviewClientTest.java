package dev.visualreview.api;

import static dev.visualreview.api.ClientFixture.files;
import static dev.visualreview.api.ClientFixture.shot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.api.ClientFixture.Shot;
import dev.visualreview.api.contract.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VisualReviewClientTest {
  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aFullRunCreatesUploadsCompletesAndReadsTheClassification() {
    Shot same = shot("home", 1);
    Shot changed = shot("cart", 2);
    Shot added = shot("checkout", 3);
    f.server.setBaseline(
        f.server.repoId(),
        "playwright",
        Map.of(
            "home",
            same.item().contentHash(),
            "cart",
            shot("x", 99).item().contentHash(),
            "gone",
            shot("y", 98).item().contentHash()));
    f.server.setDiffPercentage("cart", 3.25);

    CreateRunResponse created =
        f.client.createRun(f.createRequest("feat/x", List.of(same, changed, added)));
    assertThat(created.uploads()).hasSize(3);
    assertThat(created.uploads().get(0).fields()).containsKeys("key", "policy", "x-amz-signature");
    assertThat(f.client.upload(created.uploads(), files(List.of(same, changed, added))))
        .isEqualTo(3);

    Run afterComplete = f.client.completeRun(created.runId(), "72855643533");
    assertThat(afterComplete.status()).isEqualTo("processing");
    Run done = f.client.waitForCompletion(created.runId());

    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.summary()).isEqualTo(new RunSummary(4, 1, 1, 1, 1, 3, 0));
    assertThat(f.server.run(created.runId()).checkRunId()).isEqualTo("72855643533");
    assertThat(f.server.run(created.runId()).metadata())
        .containsEntry("github_run_id", "9876543210");

    List<RunSnapshot> snapshots = f.client.listAllRunSnapshots(created.runId());
    assertThat(snapshots)
        .extracting(RunSnapshot::identifier)
        .containsExactly("cart", "checkout", "gone", "home");
    assertThat(snapshots)
        .extracting(RunSnapshot::result)
        .containsExactly("changed", "new", "removed", "unchanged");
    assertThat(snapshots.get(0).diffPercentage()).isEqualTo(3.25);
    assertThat(snapshots.get(3).currentArtifact().width()).isEqualTo(8);
  }

  @Test
  void everyCallSendsTheKeyJsonContentTypeAndTrailingSlashes() {
    Shot s = shot("home", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("main", List.of(s)));
    f.client.upload(created.uploads(), files(List.of(s)));
    f.client.completeRun(created.runId(), null);
    f.client.getRun(created.runId());
    f.client.listRunSnapshots(created.runId(), 100, 0);
    f.client.getRepo(f.server.repoId());

    List<RecordedRequest> api = new ArrayList<>();
    for (RecordedRequest r : f.server.requests()) {
      if (r.path().startsWith("/api/")) {
        api.add(r);
      }
    }
    assertThat(api).hasSize(5);
    assertThat(api)
        .allSatisfy(
            r -> {
              assertThat(r.authorized()).as("Authorization of %s", r).isTrue();
              assertThat(r.contentType()).as("Content-Type of %s", r).isEqualTo("application/json");
              assertThat(r.path()).startsWith("/api/projects/2/visual_review/").endsWith("/");
            });
    assertThat(f.server.requests("POST", "/complete/$").get(0).bodyText()).isEqualTo("{}");
    assertThat(f.server.requests("GET", "/snapshots/$").get(0).query()).isEqualTo("limit=100");
  }

  @Test
  void theKeyIsTrimmedAndOneTrailingSlashOfTheHostIsStripped() {
    VisualReviewClient client =
        new VisualReviewClient(
            ApiSettings.of(
                f.server.host() + "/",
                f.server.projectId(),
                ApiKey.of("  " + f.server.apiKey() + "\n")),
            f.sleeper,
            f.logs::add);
    assertThat(client.getRepo(f.server.repoId()).repoFullName()).isEqualTo("acme/shop");
    assertThat(f.server.requests().get(0).path())
        .isEqualTo("/api/projects/2/visual_review/repos/" + f.server.repoId() + "/");
    assertThat(f.server.requests().get(0).authorized()).isTrue();
  }

  @Test
  void createRunSendsEveryFieldInSnakeCase() {
    f.client.createRun(
        new CreateRunRequest(
            f.server.repoId(),
            "playwright",
            "abc",
            "feat/y",
            7,
            "observe",
            Map.of("github_check_run_id", 12345),
            true,
            List.of()));
    String body = f.server.requests("POST", "^/runs/$").get(0).bodyText();
    assertThat(body)
        .contains(
            "\"repo_id\":\"" + f.server.repoId() + "\"",
            "\"run_type\":\"playwright\"",
            "\"commit_sha\":\"abc\"",
            "\"branch\":\"feat/y\"",
            "\"pr_number\":7",
            "\"purpose\":\"observe\"",
            "\"is_partial\":true",
            "\"snapshots\":[]",
            "\"metadata\":{\"github_check_run_id\":12345}");
    String runId = f.server.runIds().get(0);
    assertThat(f.server.run(runId).partial()).isTrue();
    assertThat(f.server.run(runId).metadata()).containsEntry("github_check_run_id", "12345");
  }

  @Test
  void addSnapshotsIsFirstWriteWinsAndAsksOnlyForUnknownHashes() {
    Shot a = shot("a", 1);
    Shot b = shot("b", 2);
    f.server.storeArtifact(f.server.repoId(), b.file().png());
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/z", List.of()));
    assertThat(created.uploads()).isEmpty();

    AddSnapshotsResponse first =
        f.client.addSnapshots(
            created.runId(), new AddSnapshotsRequest(List.of(a.item(), b.item())));
    assertThat(first.added()).isEqualTo(2);
    assertThat(first.uploads())
        .extracting(UploadTarget::contentHash)
        .containsExactly(a.item().contentHash());

    Shot aAgain = shot("a", 3);
    AddSnapshotsResponse second =
        f.client.addSnapshots(created.runId(), new AddSnapshotsRequest(List.of(aAgain.item())));
    assertThat(second.added()).isZero();
    assertThat(f.server.run(created.runId()).identifiers()).containsExactly("a", "b");
  }

  @Test
  void snapshotListsArePagedAndOldServersBareArraysAreAccepted() {
    List<Shot> shots = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      shots.add(shot("s" + i, i + 10));
    }
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/p", shots));
    f.client.upload(created.uploads(), files(shots));
    f.client.completeRun(created.runId(), null);
    f.client.waitForCompletion(created.runId());

    Page<RunSnapshot> page = f.client.listRunSnapshots(created.runId(), 2, 2);
    assertThat(page.count()).isEqualTo(5);
    assertThat(page.results()).extracting(RunSnapshot::identifier).containsExactly("s2", "s3");
    assertThat(page.next()).isNotNull();
    assertThat(page.quarantinedCount()).isZero();

    f.server.setBareArraySnapshotList(true);
    Page<RunSnapshot> bare = f.client.listRunSnapshots(created.runId(), 100, 0);
    assertThat(bare.count()).isEqualTo(5);
    assertThat(bare.results()).hasSize(5);
    assertThat(f.client.listAllRunSnapshots(created.runId())).hasSize(5);
  }

  @Test
  void approveFinalizeAndRecompute() {
    Shot changed = shot("cart", 2);
    f.server.setBaseline(
        f.server.repoId(), "playwright", Map.of("cart", shot("old", 50).item().contentHash()));
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/a", List.of(changed)));
    f.client.upload(created.uploads(), files(List.of(changed)));
    f.client.completeRun(created.runId(), null);
    f.client.waitForCompletion(created.runId());

    RecomputeResult recomputed = f.client.recompute(created.runId());
    assertThat(recomputed.unresolved()).isEqualTo(1);
    assertThat(recomputed.ciRerunError()).contains("JOB_CHECK_RUN_ID");

    Run approved =
        f.client.approve(
            created.runId(), List.of(new ApprovalItem("cart", changed.item().contentHash())));
    assertThat(approved.summary().unresolved()).isZero();

    FinalizeResult result = f.client.finalizeRun(created.runId(), FinalizeRequest.autoApprove());
    assertThat(result.run().approved()).isTrue();
    assertThat(result.baselineContent())
        .startsWith("version: 1\n")
        .contains("    cart:\n        hash: v1.kcontract." + changed.item().contentHash() + ".");

    assertThatThrownBy(() -> f.client.recompute(created.runId()))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("Run must be completed and not yet approved");
  }

  @Test
  void finalizeFallsBackToAutoApproveOnOldServers() {
    Shot added = shot("new-page", 4);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/old", List.of(added)));
    f.client.upload(created.uploads(), files(List.of(added)));
    f.client.completeRun(created.runId(), null);
    f.client.waitForCompletion(created.runId());
    f.server.setFinalizeMissing(true);

    FinalizeResult result = f.client.finalizeOrAutoApprove(created.runId());

    assertThat(result.baselineContent()).contains("new-page:", added.item().contentHash());
    assertThat(f.server.requests("POST", "/finalize/$")).hasSize(1);
    assertThat(f.server.requests("POST", "/auto-approve/$")).hasSize(1);
    assertThat(f.logs).anyMatch(l -> l.contains("using auto-approve"));
  }

  @Test
  void historyAndReposAreReadable() {
    Shot v1 = shot("header", 1);
    CreateRunResponse first = f.client.createRun(f.createRequest("feat/h", List.of(v1)));
    f.client.upload(first.uploads(), files(List.of(v1)));
    f.client.completeRun(first.runId(), null);
    f.client.waitForCompletion(first.runId());
    Shot v2 = shot("header", 2);
    CreateRunResponse second = f.client.createRun(f.createRequest("feat/h", List.of(v2)));
    f.client.upload(second.uploads(), files(List.of(v2)));

    assertThat(f.client.getRun(first.runId()).isStale()).isTrue();

    Page<SnapshotHistoryEntry> history =
        f.client.snapshotHistory(f.server.repoId(), "playwright", "header", 10, 0);
    assertThat(history.results())
        .extracting(SnapshotHistoryEntry::runId)
        .containsExactly(second.runId(), first.runId());

    Repo repo = f.client.getRepo(f.server.repoId());
    assertThat(repo.repoFullName()).isEqualTo("acme/shop");
    assertThat(repo.baselineFilePaths()).containsKey("playwright");
  }

  @Test
  void historyIdentifiersArePercentEncoded() {
    f.client.snapshotHistory(f.server.repoId(), "playwright", "odd name/with?chars", 5, 0);
    RecordedRequest r = f.server.requests("GET", "/snapshots/playwright/").get(0);
    assertThat(r.path()).endsWith("/snapshots/playwright/odd%20name%2Fwith%3Fchars/");
    assertThat(r.query()).isEqualTo("limit=5");
  }

  @Test
  void partialRunsDoNotRemoveMissingBaselinesExceptOnTheDefaultBranch() {
    Shot kept = shot("kept", 1);
    f.server.setBaseline(
        f.server.repoId(),
        "playwright",
        Map.of("kept", kept.item().contentHash(), "elsewhere", shot("e", 2).item().contentHash()));
    for (String branch : List.of("feat/partial", "main")) {
      CreateRunRequest partial =
          new CreateRunRequest(
              f.server.repoId(),
              "playwright",
              "abc",
              branch,
              null,
              "review",
              Map.of(),
              true,
              List.of(kept.item()));
      CreateRunResponse created = f.client.createRun(partial);
      f.client.upload(created.uploads(), files(List.of(kept)));
      f.client.completeRun(created.runId(), null);
      Run run = f.client.waitForCompletion(created.runId());
      assertThat(run.summary().removed()).as(branch).isEqualTo(branch.equals("main") ? 1 : 0);
    }
  }

  @Test
  void quarantinedChangesAreHiddenAndCountedAsUnchanged() {
    Shot flaky = shot("flaky", 1);
    Shot stable = shot("stable", 2);
    f.server.setBaseline(
        f.server.repoId(),
        "playwright",
        Map.of(
            "flaky", shot("old", 3).item().contentHash(), "stable", stable.item().contentHash()));
    f.server.quarantine(f.server.repoId(), "playwright", "flaky");
    CreateRunResponse created =
        f.client.createRun(f.createRequest("feat/q", List.of(flaky, stable)));
    f.client.upload(created.uploads(), files(List.of(flaky, stable)));
    f.client.completeRun(created.runId(), null);

    Run run = f.client.waitForCompletion(created.runId());
    Page<RunSnapshot> page = f.client.listRunSnapshots(created.runId(), 100, 0);

    assertThat(run.summary()).isEqualTo(new RunSummary(2, 0, 0, 0, 2, 0, 0));
    assertThat(page.results()).extracting(RunSnapshot::identifier).containsExactly("stable");
    assertThat(page.quarantinedCount()).isEqualTo(1);
  }

  @Test
  void listCallsRefuseANonPositiveLimit() {
    assertThatThrownBy(() -> f.client.listRunSnapshots("run", 0, 0))
        .hasMessageContaining("limit must be positive");
  }
}
