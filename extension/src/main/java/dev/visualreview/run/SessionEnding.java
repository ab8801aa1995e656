package dev.visualreview.run;

import java.util.List;

/**
 * How a suite's session ended.
 *
 * @param outcome the run's outcome, or null when the run was not completed here (shard mode) or
 *     could not be
 * @param failures what went wrong talking to the backend, in order; empty when nothing did
 * @param shards number of shards handed to the backend
 * @param snapshots number of snapshots in those shards
 * @param runId the run joined in shard mode, or null
 */
public record SessionEnding(
    RunOutcome outcome, List<Throwable> failures, int shards, int snapshots, String runId) {
  public SessionEnding {
    failures = List.copyOf(failures);
  }
}
