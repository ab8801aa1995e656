package dev.visualreview.report;

import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.Mode;
import java.util.List;

/** Outcomes for report tests. */
final class ReportFixtures {
  static final String SCRIPT = "<script>window.__pwned=1</script>";
  static final String ONERROR = "\"onerror=\"window.__pwned=2\" x=\"";

  private ReportFixtures() {}

  static SnapshotVerdict verdict(String id, SnapshotResult result, String reason, String kind) {
    return VerdictBuilder.verdict(id, result)
        .reason(ClassificationReason.fromWire(reason))
        .kind(ChangeKind.fromWire(kind))
        .build();
  }

  static SnapshotVerdict changed(String id, double pct, String kind, String dir) {
    return VerdictBuilder.verdict(id, SnapshotResult.CHANGED)
        .kind(ChangeKind.fromWire(kind))
        .diff(pct, (long) (pct * 100))
        .ssim(0.9512)
        .rowShift(0)
        .source("CheckoutTest.total()")
        .images(dir)
        .build();
  }

  static RunOutcome outcome(String mode, Verdict verdict, List<SnapshotVerdict> snapshots) {
    int changed = 0;
    int added = 0;
    int removed = 0;
    for (SnapshotVerdict v : snapshots) {
      switch (v.result()) {
        case CHANGED -> changed++;
        case NEW -> added++;
        case REMOVED -> removed++;
        default -> {}
      }
    }
    int total = snapshots.size();
    RunCounts counts =
        new RunCounts(
            total,
            total - changed - added - removed,
            changed,
            added,
            removed,
            changed + added + removed);
    return RunOutcome.builder(Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)))
        .runId("run-1")
        .run("playwright", "feature/x", "0123456789abcdef0123456789abcdef01234567")
        .counts(counts)
        .snapshots(snapshots)
        .reviewUrl(
            mode.equals("posthog")
                ? "https://us.posthog.com/project/2/visual_review/runs/run-1"
                : null)
        .verdict(verdict, verdict == Verdict.FAIL ? 1 : 0)
        .conclusion(
            verdict == Verdict.FAIL ? new Conclusion.ChangesToReview() : new Conclusion.Clean())
        .build();
  }
}
