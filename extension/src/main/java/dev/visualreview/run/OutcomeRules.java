package dev.visualreview.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The PostHog CLI's outcome rules (visual-review-api.md 9.7), shared by both backends: from a
 * finished run's status, purpose, counts and snapshots to a {@link RunOutcome} with a verdict, an
 * exit code and the message a user reads.
 *
 * <ol>
 *   <li>a {@code failed} run: "Run failed: &lt;error&gt;", FAIL, exit 1;
 *   <li>{@code observe} runs: no changes → "No visual changes"; changes → the list and the drift
 *       warning, WARN/exit 0 with tolerate-drift, else FAIL/exit 1;
 *   <li>{@code review} runs: unresolved changes → the list and "Visual changes detected — review
 *       at: &lt;url&gt;", FAIL, exit 1; else "No visual changes", PASS, exit 0.
 * </ol>
 */
public final class OutcomeRules {
  /** At most this many snapshots are listed in the message. */
  public static final int LISTED = 25;

  private OutcomeRules() {}

  /**
   * Everything the rules look at, as plain values.
   *
   * @param mode {@code posthog} or {@code local}
   * @param runId the run id
   * @param status {@code completed} or {@code failed}
   * @param errorMessage why the run failed, or null
   * @param purpose {@code review} or {@code observe}
   * @param runType the run type
   * @param branch the branch (named in the drift warning)
   * @param commitSha the commit
   * @param counts the run's counts; {@code unresolved} as the server computed it (pass {@code
   *     changes()} when the server did not say)
   * @param tolerateDrift observe drift warns instead of failing
   * @param snapshots every verdict (order does not matter)
   * @param reviewUrl where to review the run
   */
  public record Input(
      String mode,
      String runId,
      String status,
      String errorMessage,
      String purpose,
      String runType,
      String branch,
      String commitSha,
      RunCounts counts,
      boolean tolerateDrift,
      List<SnapshotVerdict> snapshots,
      String reviewUrl) {
    public Input {
      Objects.requireNonNull(counts, "counts");
      snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
      purpose = purpose == null || purpose.isBlank() ? "review" : purpose;
      status = status == null ? "completed" : status;
    }
  }

  /** Applies the rules. */
  public static RunOutcome decide(Input in) {
    List<SnapshotVerdict> ordered = actionableFirst(in.snapshots());
    if ("failed".equals(in.status())) {
      String error =
          in.errorMessage() == null || in.errorMessage().isBlank()
              ? "(no error message)"
              : in.errorMessage();
      return outcome(in, ordered, Verdict.FAIL, 1, "Run failed: " + error);
    }
    RunCounts c = in.counts();
    int changes = c.changes();
    if ("observe".equals(in.purpose())) {
      if (changes == 0) {
        return outcome(in, ordered, Verdict.PASS, 0, "No visual changes");
      }
      String text =
          countsLine(c)
              + "\n"
              + listing(ordered, changes)
              + driftWarning(in.branch(), in.reviewUrl());
      return in.tolerateDrift()
          ? outcome(in, ordered, Verdict.WARN, 0, text)
          : outcome(in, ordered, Verdict.FAIL, 1, text);
    }
    if (c.unresolved() > 0) {
      String text =
          countsLine(c)
              + "\n"
              + listing(ordered, changes)
              + "Visual changes detected — review at: "
              + in.reviewUrl();
      return outcome(in, ordered, Verdict.FAIL, 1, text);
    }
    return outcome(in, ordered, Verdict.PASS, 0, "No visual changes");
  }

  /** The observe-run warning, word for word as the PostHog CLI prints it (without prefix). */
  public static String driftWarning(String branch, String reviewUrl) {
    return "Unapproved snapshot drift on "
        + branch
        + ": approve the new baseline, or quarantine the"
        + " identifier if it flips between runs, before it fails an unrelated PR. Review at: "
        + reviewUrl;
  }

  /** "N snapshots — U unchanged, C changed, A new, R removed" */
  public static String countsLine(RunCounts c) {
    return c.total()
        + " snapshots — "
        + c.unchanged()
        + " unchanged, "
        + c.changed()
        + " changed, "
        + c.added()
        + " new, "
        + c.removed()
        + " removed";
  }

  /**
   * Up to {@value #LISTED} lines " &lt;result&gt;: &lt;identifier&gt; (&lt;diff&gt;% diff)", then "
   * ...and K more"; each line ends with a newline.
   */
  public static String listing(List<SnapshotVerdict> snapshots, int totalChanges) {
    List<SnapshotVerdict> changed = new ArrayList<>();
    for (SnapshotVerdict v : snapshots) {
      if (isChange(v)) {
        changed.add(v);
      }
    }
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(LISTED, changed.size());
    for (SnapshotVerdict v : changed.subList(0, shown)) {
      sb.append("  ").append(v.result().wire()).append(": ").append(v.identifier());
      if (v.diffPercentage() != null) {
        sb.append(String.format(Locale.ROOT, " (%.2f%% diff)", v.diffPercentage()));
      }
      sb.append('\n');
    }
    int more = Math.max(changed.size(), totalChanges) - shown;
    if (more > 0) {
      sb.append("  ...and ").append(more).append(" more\n");
    }
    return sb.toString();
  }

  private static boolean isChange(SnapshotVerdict v) {
    return v.result() != SnapshotResult.UNCHANGED && !v.quarantined();
  }

  private static List<SnapshotVerdict> actionableFirst(List<SnapshotVerdict> all) {
    List<SnapshotVerdict> out = new ArrayList<>(all.size());
    for (SnapshotVerdict v : all) {
      if (isChange(v)) {
        out.add(v);
      }
    }
    for (SnapshotVerdict v : all) {
      if (!isChange(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static RunOutcome outcome(
      Input in, List<SnapshotVerdict> ordered, Verdict verdict, int exitCode, String summary) {
    return new RunOutcome(
        in.mode(),
        in.runId(),
        in.status(),
        in.purpose(),
        in.runType(),
        in.branch(),
        in.commitSha(),
        in.counts(),
        ordered,
        in.reviewUrl(),
        "failed".equals(in.status()) ? in.errorMessage() : null,
        verdict,
        exitCode,
        summary);
  }
}
