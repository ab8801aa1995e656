package dev.visualreview.report;

import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.VerdictBuilder;
import java.util.List;

/** Outcomes for report tests. */
final class ReportFixtures {
  static final String SCRIPT = "<script>window.__pwned=1</script>";
  static final String ONERROR = "\"onerror=\"window.__pwned=2\" x=\"";

  private ReportFixtures() {}

  static SnapshotVerdict verdict(String id, SnapshotResult result, String reason, String kind) {
    return VerdictBuilder.verdict(id, result).reason(reason).kind(kind).build();
  }

  static SnapshotVerdict changed(String id, double pct, String kind, String dir) {
    return VerdictBuilder.verdict(id, SnapshotResult.CHANGED)
        .kind(kind)
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
    return new RunOutcome(
        mode,
        "run-1",
        "completed",
        "review",
        "playwright",
        "feature/x",
        "0123456789abcdef0123456789abcdef01234567",
        counts,
        snapshots,
        mode.equals("posthog") ? "https://us.posthog.com/project/2/visual_review/runs/run-1" : null,
        null,
        verdict,
        verdict == Verdict.FAIL ? 1 : 0,
        verdict == Verdict.FAIL ? "Visual changes detected" : "No visual changes");
  }
}
