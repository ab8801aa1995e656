package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.report.OutcomeText;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeRulesTest {
  private static final String URL = "https://us.posthog.com/project/2/visual_review/runs/r1";

  static SnapshotVerdict verdict(
      String id, SnapshotResult result, Double diff, boolean quarantined) {
    return VerdictBuilder.verdict(id, result).diff(diff, null).quarantined(quarantined).build();
  }

  private static RunOutcome decide(
      RunStatus status,
      Purpose purpose,
      RunCounts counts,
      boolean tolerate,
      List<SnapshotVerdict> snapshots) {
    return OutcomeRules.decide(
        RunOutcome.builder(Mode.POSTHOG)
            .runId("r1")
            .status(status)
            .errorMessage(status == RunStatus.FAILED ? "Upload integrity check failed: x" : null)
            .purpose(purpose)
            .run("playwright", "feat/x", "abc")
            .counts(counts)
            .snapshots(snapshots)
            .reviewUrl(URL),
        tolerate);
  }

  private static String summary(RunOutcome o) {
    return OutcomeText.summary(o);
  }

  @Test
  void aFailedRunFailsWithItsError() {
    RunOutcome o =
        decide(RunStatus.FAILED, Purpose.REVIEW, new RunCounts(1, 1, 0, 0, 0, 0), false, List.of());
    assertThat(o.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(summary(o)).isEqualTo("Run failed: Upload integrity check failed: x");
    assertThat(o.errorMessage()).isEqualTo("Upload integrity check failed: x");
  }

  @Test
  void reviewWithUnresolvedChangesListsThemAndFails() {
    List<SnapshotVerdict> shots =
        List.of(
            verdict("home", SnapshotResult.UNCHANGED, null, false),
            verdict("cart", SnapshotResult.CHANGED, 3.14159, false),
            verdict("checkout", SnapshotResult.NEW, null, false),
            verdict("flaky", SnapshotResult.CHANGED, 50.0, true));
    RunOutcome o =
        decide(RunStatus.COMPLETED, Purpose.REVIEW, new RunCounts(4, 2, 1, 1, 0, 2), false, shots);
    assertThat(o.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(summary(o))
        .isEqualTo(
            "4 snapshots — 2 unchanged, 1 changed, 1 new, 0 removed\n"
                + "  changed: cart (3.14% diff)\n"
                + "  new: checkout\n"
                + "Visual changes detected — review at: "
                + URL);
    assertThat(o.snapshots())
        .extracting(SnapshotVerdict::identifier)
        .containsExactly("cart", "checkout", "home", "flaky");
  }

  @Test
  void reviewWithEverythingApprovedPasses() {
    RunOutcome o =
        decide(
            RunStatus.COMPLETED,
            Purpose.REVIEW,
            new RunCounts(2, 1, 1, 0, 0, 0),
            false,
            List.of(verdict("cart", SnapshotResult.CHANGED, 1.0, false)));
    assertThat(o.verdict()).isEqualTo(Verdict.PASS);
    assertThat(o.exitCode()).isZero();
    assertThat(summary(o)).isEqualTo("No visual changes");
  }

  @Test
  void atMostTwentyFiveAreListedThenHowManyMore() {
    List<SnapshotVerdict> shots = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      shots.add(verdict("s" + i, SnapshotResult.NEW, null, false));
    }
    // the listing saw 30, the server counts 40 (the rest were beyond the first page)
    RunOutcome o =
        decide(
            RunStatus.COMPLETED, Purpose.REVIEW, new RunCounts(40, 0, 0, 40, 0, 40), false, shots);
    assertThat(summary(o).lines().filter(l -> l.startsWith("  new: "))).hasSize(25);
    assertThat(summary(o)).contains("  new: s24\n  ...and 15 more\nVisual changes detected");
  }

  @Test
  void observeDriftFailsUnlessTolerated() {
    List<SnapshotVerdict> shots = List.of(verdict("gone", SnapshotResult.REMOVED, null, false));
    RunCounts counts = new RunCounts(1, 0, 0, 0, 1, 0);
    String warning =
        "Unapproved snapshot drift on feat/x: approve the new baseline, or quarantine the identifier"
            + " if it flips between runs, before it fails an unrelated PR. Review at: "
            + URL;

    RunOutcome strict = decide(RunStatus.COMPLETED, Purpose.OBSERVE, counts, false, shots);
    assertThat(strict.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(summary(strict)).endsWith("  removed: gone\n" + warning);

    RunOutcome tolerant = decide(RunStatus.COMPLETED, Purpose.OBSERVE, counts, true, shots);
    assertThat(tolerant.verdict()).isEqualTo(Verdict.WARN);
    assertThat(tolerant.exitCode()).isZero();
    assertThat(summary(tolerant)).isEqualTo(summary(strict));
  }

  @Test
  void observeWithoutChangesPassesEvenThoughUnresolvedIsZero() {
    RunOutcome o =
        decide(
            RunStatus.COMPLETED,
            Purpose.OBSERVE,
            new RunCounts(3, 3, 0, 0, 0, 0),
            false,
            List.of());
    assertThat(o.verdict()).isEqualTo(Verdict.PASS);
    assertThat(summary(o)).isEqualTo("No visual changes");
  }
}
