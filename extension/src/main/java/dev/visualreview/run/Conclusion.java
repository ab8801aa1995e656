package dev.visualreview.run;

import java.nio.file.Path;

/**
 * What a run came to, as data: the report formatter turns it into the sentence a person reads. The
 * details a conclusion needs beyond its own fields (counts, branch, review URL, error) are in the
 * {@link RunOutcome} it belongs to.
 */
public sealed interface Conclusion {

  /** Nothing needs review: no changes, or every change resolved. */
  record Clean() implements Conclusion {}

  /** A review run with unresolved changes: the build fails until they are reviewed. */
  record ChangesToReview() implements Conclusion {}

  /** An observe run with changes: drift on the default branch. */
  record Drift() implements Conclusion {}

  /** The server failed the run; the outcome's error message says why. */
  record RunFailed() implements Conclusion {}

  /**
   * Every change was approved on request and the new baseline file written.
   *
   * @param changes how many changes were approved
   * @param baselineFile where the approved baseline was written
   * @param bytes its size
   */
  record AutoApproved(int changes, Path baselineFile, int bytes) implements Conclusion {}

  /**
   * Shard mode: this suite added its snapshots to a run that {@code run complete} finishes.
   *
   * @param snapshots snapshots added
   * @param shards shards (test classes) added
   */
  record ShardAdded(int snapshots, int shards) implements Conclusion {}

  /**
   * The service could not be reached and the failure policy let the suite pass unreviewed.
   *
   * @param reason what went wrong
   */
  record NotReviewed(String reason) implements Conclusion {}
}
