package dev.visualreview.run;

import static dev.visualreview.report.FailureMessages.endOfSuite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.OnUnreachable;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GateTest {

  static SnapshotVerdict verdict(String id, SnapshotResult result, Double diff) {
    return VerdictBuilder.verdict(id, result)
        .kind(ChangeKind.PIXEL)
        .diff(diff, null)
        .source("T.t()")
        .reviewState(ReviewState.NONE)
        .build();
  }

  static RunOutcome outcome(
      Verdict verdict, List<SnapshotVerdict> snapshots, Conclusion conclusion) {
    int changed =
        (int) snapshots.stream().filter(s -> s.result() == SnapshotResult.CHANGED).count();
    return RunOutcome.builder(Mode.POSTHOG)
        .runId("run-1")
        .run("junit", "main", "abc")
        .counts(new RunCounts(snapshots.size(), snapshots.size() - changed, changed, 0, 0, changed))
        .snapshots(snapshots)
        .reviewUrl("https://us.posthog.com/project/2/visual_review/runs/run-1")
        .verdict(verdict, verdict == Verdict.FAIL ? 1 : 0)
        .conclusion(conclusion)
        .build();
  }

  @Test
  void failingVerdictListsAtMost25SnapshotsAndTheReviewUrl() {
    List<SnapshotVerdict> snapshots = new ArrayList<>();
    IntStream.range(0, 30)
        .forEach(i -> snapshots.add(verdict("id-" + i, SnapshotResult.CHANGED, 1.5)));
    snapshots.add(verdict("same", SnapshotResult.UNCHANGED, null));
    SessionEnding ending =
        new SessionEnding(
            outcome(Verdict.FAIL, snapshots, new Conclusion.ChangesToReview()),
            List.of(),
            3,
            31,
            null);

    GateDecision d = Gate.decide(ending, OnUnreachable.FAIL);

    assertThat(d.fail()).isTrue();
    assertThat(endOfSuite(ending, d))
        .startsWith("Visual review: 31 snapshots — 1 unchanged, 30 changed")
        .contains("\n  changed: id-0 (1.50% diff) in T.t()")
        .contains("changed: id-24 ")
        .doesNotContain("id-25 ")
        .doesNotContain("same")
        .contains("...and 5 more")
        .contains("review at: https://us.posthog.com/project/2/visual_review/runs/run-1");
  }

  static int occurrences(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }

  /** An outcome as the backends make it: the summary comes from the real outcome rules. */
  static RunOutcome judged(String mode, String reviewUrl, int changed) {
    List<SnapshotVerdict> snapshots = new ArrayList<>();
    IntStream.range(0, changed)
        .forEach(
            i -> snapshots.add(verdict("Shop--page--s" + (100 + i), SnapshotResult.CHANGED, 1.5)));
    snapshots.add(verdict("Shop--page--same", SnapshotResult.UNCHANGED, null));
    return OutcomeRules.decide(
        RunOutcome.builder(Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)))
            .runId("run-1")
            .run("junit", "main", "abc")
            .counts(new RunCounts(changed + 1, 1, changed, 0, 0, changed))
            .snapshots(snapshots)
            .reviewUrl(reviewUrl),
        false);
  }

  @Test
  void failureMessageListsEachActionableSnapshotOnceWithTheReviewUrlOnce() {
    String posthogUrl = "https://us.posthog.com/project/2/visual_review/runs/run-1";
    String localReport = "/work/app/target/visual-review/index.html";
    for (String[] modeAndUrl : new String[][] {{"posthog", posthogUrl}, {"local", localReport}}) {
      for (int changed : new int[] {1, 3, 30}) {
        RunOutcome outcome = judged(modeAndUrl[0], modeAndUrl[1], changed);
        SessionEnding ending = new SessionEnding(outcome, List.of(), 1, changed + 1, null);
        GateDecision d = Gate.decide(ending, OnUnreachable.FAIL);
        String m = endOfSuite(ending, d);

        assertThat(d.fail()).isTrue();
        assertThat(m).startsWith("Visual review: " + (changed + 1) + " snapshots — ");
        int listed = Math.min(25, changed);
        for (int i = 0; i < changed; i++) {
          assertThat(occurrences(m, "Shop--page--s" + (100 + i)))
              .as(modeAndUrl[0] + " " + changed + ": s" + (100 + i) + " in\n" + m)
              .isEqualTo(i < listed ? 1 : 0);
        }
        assertThat(m)
            .as(m)
            .contains("changed: Shop--page--s100 (1.50% diff)")
            .doesNotContain("same");
        assertThat(occurrences(m, "...and 5 more")).as(m).isEqualTo(changed == 30 ? 1 : 0);
        assertThat(occurrences(m, "more\n")).as(m).isLessThanOrEqualTo(1);
        assertThat(occurrences(m, modeAndUrl[1])).as(m).isEqualTo(1);
      }
    }
  }

  @Test
  void warnVerdictPassesWithTheListing() {
    SessionEnding ending =
        new SessionEnding(
            outcome(
                Verdict.WARN,
                List.of(verdict("a", SnapshotResult.CHANGED, 0.5)),
                new Conclusion.Drift()),
            List.of(),
            1,
            1,
            null);
    GateDecision d = Gate.decide(ending, OnUnreachable.FAIL);
    assertThat(d.fail()).isFalse();
    assertThat(endOfSuite(ending, d))
        .contains("Unapproved snapshot drift")
        .contains("changed: a (0.50% diff)");
  }

  @Test
  void unreachableServiceFailsOrWarnsByPolicy() {
    RuntimeException down =
        new RuntimeException("POST /runs/ failed", new ConnectException("Connection refused"));
    SessionEnding ending = new SessionEnding(null, List.of(down), 1, 2, null);

    GateDecision failing = Gate.decide(ending, OnUnreachable.FAIL);
    assertThat(failing.fail()).isTrue();
    assertThat(endOfSuite(ending, failing))
        .contains("POST /runs/ failed")
        .contains("visualreview.onUnreachable=warn");

    GateDecision warning = Gate.decide(ending, OnUnreachable.WARN);
    assertThat(warning.fail()).isFalse();
    assertThat(endOfSuite(ending, warning))
        .contains("passes because visualreview.onUnreachable=warn");
  }

  @Test
  void nonNetworkFailureFailsEvenWithWarnPolicy() {
    SessionEnding ending =
        new SessionEnding(
            null, List.of(new IllegalStateException("401: invalid API key")), 1, 1, null);
    assertThat(Gate.decide(ending, OnUnreachable.WARN).fail()).isTrue();
  }

  @Test
  void shardModeTellsHowToComplete() {
    SessionEnding ending = new SessionEnding(null, List.of(), 2, 7, "run-9");
    GateDecision d = Gate.decide(ending, OnUnreachable.FAIL);
    assertThat(d.fail()).isFalse();
    assertThat(endOfSuite(ending, d))
        .contains("added 7 snapshot(s) in 2 shard(s) to run run-9")
        .contains("run complete --run-id run-9");
  }
}
