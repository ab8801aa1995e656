package dev.visualreview.run;

import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of a whole suite's visual review, as data: reports and gating read it, and the report
 * formatter turns it into text. Both backends produce it; {@code result.json} serialises it with
 * the same schema in both modes. Build one with {@link #builder}.
 *
 * @param mode {@link Mode#LOCAL} or {@link Mode#POSTHOG}
 * @param runId the PostHog run id, or a local run id
 * @param status pending (shard mode), completed, failed (by the server), skipped (not reviewed: the
 *     service was unreachable and {@code onUnreachable=warn}) or error (the review could not
 *     finish)
 * @param purpose review or observe
 * @param runType the run type sent to PostHog (default {@code junit})
 * @param branch the branch the run belongs to
 * @param commitSha the commit the run belongs to
 * @param counts the run's counts
 * @param snapshots every verdict, changes first
 * @param reviewUrl where a person reviews the run (PostHog) or the local report's path
 * @param errorMessage why the run failed or was not reviewed, or null
 * @param verdict pass, warn, fail or error
 * @param exitCode the PostHog CLI's exit code for this outcome (0 clean or warned, 1 changes or a
 *     failed run, 2 the review could not finish)
 * @param conclusion what the run came to
 * @param problems what went wrong without changing the verdict (e.g. the snapshot list could not be
 *     read), each one sentence
 * @param notJudged snapshots captured but not judged because the review could not finish
 * @param partial whether only part of the suite ran (then no baseline is reported removed)
 */
public record RunOutcome(
    Mode mode,
    String runId,
    RunStatus status,
    Purpose purpose,
    String runType,
    String branch,
    String commitSha,
    RunCounts counts,
    List<SnapshotVerdict> snapshots,
    String reviewUrl,
    String errorMessage,
    Verdict verdict,
    int exitCode,
    Conclusion conclusion,
    List<String> problems,
    List<UnjudgedSnapshot> notJudged,
    boolean partial) {

  public RunOutcome {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(conclusion, "conclusion");
    purpose = purpose == null ? Purpose.REVIEW : purpose;
    counts = counts == null ? RunCounts.NONE : counts;
    snapshots = List.copyOf(snapshots);
    problems = problems == null ? List.of() : List.copyOf(problems);
    notJudged = notJudged == null ? List.of() : List.copyOf(notJudged);
  }

  /** A builder with nothing set but the mode: completed, review, no snapshots, pass. */
  public static Builder builder(Mode mode) {
    return new Builder(mode);
  }

  /** A builder holding this outcome's values. */
  public Builder toBuilder() {
    Builder b = new Builder(mode);
    b.runId = runId;
    b.status = status;
    b.purpose = purpose;
    b.runType = runType;
    b.branch = branch;
    b.commitSha = commitSha;
    b.counts = counts;
    b.snapshots = new ArrayList<>(snapshots);
    b.reviewUrl = reviewUrl;
    b.errorMessage = errorMessage;
    b.verdict = verdict;
    b.exitCode = exitCode;
    b.conclusion = conclusion;
    b.problems = new ArrayList<>(problems);
    b.notJudged = new ArrayList<>(notJudged);
    b.partial = partial;
    return b;
  }

  /**
   * Builds a {@link RunOutcome}; {@link OutcomeRules} fills in verdict, exit code and conclusion.
   */
  public static final class Builder {
    private final Mode mode;
    private String runId;
    private RunStatus status = RunStatus.COMPLETED;
    private Purpose purpose = Purpose.REVIEW;
    private String runType;
    private String branch;
    private String commitSha;
    private RunCounts counts = RunCounts.NONE;
    private List<SnapshotVerdict> snapshots = new ArrayList<>();
    private String reviewUrl;
    private String errorMessage;
    private Verdict verdict = Verdict.PASS;
    private int exitCode;
    private Conclusion conclusion = new Conclusion.Clean();
    private List<String> problems = new ArrayList<>();
    private List<UnjudgedSnapshot> notJudged = new ArrayList<>();
    private boolean partial;

    private Builder(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
    }

    public Builder runId(String id) {
      this.runId = id;
      return this;
    }

    public Builder status(RunStatus runStatus) {
      this.status = runStatus;
      return this;
    }

    public Builder purpose(Purpose runPurpose) {
      this.purpose = runPurpose;
      return this;
    }

    /** Run type, branch and commit. */
    public Builder run(String type, String onBranch, String commit) {
      this.runType = type;
      this.branch = onBranch;
      this.commitSha = commit;
      return this;
    }

    public Builder counts(RunCounts runCounts) {
      this.counts = runCounts;
      return this;
    }

    public Builder snapshots(List<SnapshotVerdict> verdicts) {
      this.snapshots = new ArrayList<>(verdicts);
      return this;
    }

    public Builder reviewUrl(String url) {
      this.reviewUrl = url;
      return this;
    }

    public Builder errorMessage(String message) {
      this.errorMessage = message;
      return this;
    }

    /** The verdict and the PostHog CLI's exit code for it. */
    public Builder verdict(Verdict v, int exit) {
      this.verdict = v;
      this.exitCode = exit;
      return this;
    }

    public Builder conclusion(Conclusion c) {
      this.conclusion = c;
      return this;
    }

    public Builder problem(String sentence) {
      this.problems.add(sentence);
      return this;
    }

    /** Snapshots captured but not judged. */
    public Builder notJudged(List<UnjudgedSnapshot> snapshots) {
      this.notJudged = new ArrayList<>(snapshots);
      return this;
    }

    /** Whether only part of the suite ran. */
    public Builder partial(boolean partOfTheSuite) {
      this.partial = partOfTheSuite;
      return this;
    }

    Mode mode() {
      return mode;
    }

    RunStatus status() {
      return status;
    }

    Purpose purpose() {
      return purpose;
    }

    RunCounts counts() {
      return counts;
    }

    List<SnapshotVerdict> snapshots() {
      return snapshots;
    }

    public RunOutcome build() {
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
          conclusion,
          problems,
          notJudged,
          partial);
    }
  }
}
