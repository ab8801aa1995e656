package dev.visualreview.run;

import java.util.List;

/**
 * The backend of a re-run in a JVM that already completed its suite (Surefire's {@code
 * rerunFailingTestsCount}): it sends nothing, so the completed run is neither superseded nor
 * changed, and completes with no outcome.
 */
final class RerunBackend implements Backend {
  @Override
  public void open() {}

  @Override
  public List<SnapshotVerdict> judgeNow(List<Snapshot> snapshots) {
    return List.of();
  }

  @Override
  public void addShard(Shard shard) {}

  @Override
  public RunOutcome complete() {
    return null;
  }

  @Override
  public void close() {}
}
