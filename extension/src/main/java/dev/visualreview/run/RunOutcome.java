package dev.visualreview.run;

import java.util.List;

/**
 * The result of a whole suite's visual review, as reports and gating see it. Both backends produce
 * it; {@code result.json} serialises it with the same schema in both modes.
 *
 * @param mode {@code posthog} or {@code local}
 * @param runId the PostHog run id, or a local run id
 * @param status {@code completed} or {@code failed}
 * @param purpose {@code review} or {@code observe}
 * @param runType the run type, e.g. {@code playwright}
 * @param branch the branch the run belongs to
 * @param commitSha the commit the run belongs to
 * @param counts the run's counts
 * @param snapshots every verdict, actionable ones first
 * @param reviewUrl where a person reviews the run (PostHog) or the local report's path
 * @param errorMessage why the run failed, or null
 * @param verdict pass, warn or fail
 * @param exitCode the PostHog CLI's exit code for this outcome (0 clean, 1 changes or failed run)
 * @param summary the one-paragraph message shown to the user (and raised when the verdict fails)
 */
public record RunOutcome(
    String mode,
    String runId,
    String status,
    String purpose,
    String runType,
    String branch,
    String commitSha,
    RunCounts counts,
    List<SnapshotVerdict> snapshots,
    String reviewUrl,
    String errorMessage,
    Verdict verdict,
    int exitCode,
    String summary) {

  public RunOutcome {
    snapshots = List.copyOf(snapshots);
  }

  /** The same outcome with another summary text. */
  public RunOutcome withSummary(String newSummary) {
    return new RunOutcome(
        mode,
        runId,
        status,
        purpose,
        runType,
        branch,
        commitSha,
        counts,
        snapshots,
        reviewUrl,
        errorMessage,
        verdict,
        exitCode,
        newSummary);
  }
}
