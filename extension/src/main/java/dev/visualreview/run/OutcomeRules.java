package dev.visualreview.run;

import dev.visualreview.run.config.Purpose;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostHog CLI's outcome rules (visual-review-api.md 9.7), shared by both backends: from a
 * finished run's status, purpose, counts and snapshots to a verdict, an exit code and a {@link
 * Conclusion}.
 *
 * <ol>
 *   <li>a {@code failed} run: FAIL, exit 1;
 *   <li>{@code observe} runs: no changes → clean; changes → drift, WARN/exit 0 with tolerate-drift,
 *       else FAIL/exit 1;
 *   <li>{@code review} runs: unresolved changes → FAIL, exit 1; else clean, PASS, exit 0.
 * </ol>
 */
public final class OutcomeRules {
  private OutcomeRules() {}

  /**
   * Applies the rules to a run's facts: its mode, id, status (completed or failed), error, purpose,
   * run type, branch, commit, counts (with {@code unresolved} as the server computed it, or {@code
   * changes()} when the server did not say), snapshots (in any order) and review URL.
   *
   * @param tolerateDrift whether observe drift warns instead of failing
   */
  public static RunOutcome decide(RunOutcome.Builder facts, boolean tolerateDrift) {
    facts.snapshots(changesFirst(facts.snapshots()));
    if (facts.status() == RunStatus.FAILED) {
      return facts.verdict(Verdict.FAIL, 1).conclusion(new Conclusion.RunFailed()).build();
    }
    facts.errorMessage(null);
    RunCounts c = facts.counts();
    if (facts.purpose() == Purpose.OBSERVE) {
      if (c.changes() == 0) {
        return clean(facts);
      }
      return facts
          .verdict(tolerateDrift ? Verdict.WARN : Verdict.FAIL, tolerateDrift ? 0 : 1)
          .conclusion(new Conclusion.Drift())
          .build();
    }
    if (c.unresolved() > 0) {
      return facts.verdict(Verdict.FAIL, 1).conclusion(new Conclusion.ChangesToReview()).build();
    }
    return clean(facts);
  }

  private static RunOutcome clean(RunOutcome.Builder facts) {
    return facts.verdict(Verdict.PASS, 0).conclusion(new Conclusion.Clean()).build();
  }

  private static List<SnapshotVerdict> changesFirst(List<SnapshotVerdict> all) {
    List<SnapshotVerdict> out = new ArrayList<>(all.size());
    for (SnapshotVerdict v : all) {
      if (v.isChange()) {
        out.add(v);
      }
    }
    for (SnapshotVerdict v : all) {
      if (!v.isChange()) {
        out.add(v);
      }
    }
    return out;
  }
}
