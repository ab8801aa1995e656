package dev.visualreview.run;

import java.util.List;

/**
 * Where a suite's snapshots go: PostHog Visual Review or the local baselines. One instance serves
 * one suite. {@link #addShard} and {@link #judgeNow} may be called from several threads at once.
 */
public interface Backend extends AutoCloseable {

  /** Starts the suite: creates or joins a run, loads baselines. Called once, before any shard. */
  void open();

  /**
   * Judges one test's snapshots right away, for backends that can (local mode), so the test can
   * fail at its end. Backends that judge only at completion (PostHog) return an empty list.
   */
  List<SnapshotVerdict> judgeNow(List<Snapshot> snapshots);

  /** Hands over one test class's snapshots. May block while uploading; never on a test thread. */
  void addShard(Shard shard);

  /** Ends the suite: completes the run, waits for its verdict and returns the outcome. */
  RunOutcome complete();

  /**
   * What the backend got to, for the report of a review that could not finish: its run and the
   * verdicts it reached. Backends that judge only at completion have no verdicts.
   */
  default Progress progress() {
    return Progress.NONE;
  }

  /**
   * How far a backend got.
   *
   * @param runId the run's id, or null before there is one
   * @param reviewUrl where the run can be looked at (PostHog) or its report (local), or null
   * @param verdicts the snapshots judged so far
   */
  record Progress(String runId, String reviewUrl, List<SnapshotVerdict> verdicts) {
    /** Nothing: no run, nothing judged. */
    public static final Progress NONE = new Progress(null, null, List.of());

    public Progress {
      verdicts = List.copyOf(verdicts);
    }
  }

  /** Releases threads and connections. Idempotent. */
  @Override
  void close();
}
