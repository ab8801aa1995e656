package dev.visualreview.junit;

import dev.visualreview.run.Backend;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.Mode;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory backend for engine-level tests: records what the extension hands it and answers from
 * a script. Static because the extension creates it by class name.
 */
public class RecordingBackend implements Backend {

  /**
   * What the backend answers.
   *
   * @param changedNow identifiers that {@code judgeNow} reports changed (local-mode behaviour)
   * @param changedAtEnd identifiers the completed run reports changed
   * @param endVerdict the verdict when something changed at the end
   * @param openFails whether {@code open} fails as if the service were down
   */
  record Script(
      Set<String> changedNow, Set<String> changedAtEnd, Verdict endVerdict, boolean openFails) {
    static Script clean() {
      return new Script(Set.of(), Set.of(), Verdict.FAIL, false);
    }
  }

  static volatile Script script = Script.clean();
  static final List<RecordingBackend> INSTANCES = new CopyOnWriteArrayList<>();

  final List<Shard> shards = new CopyOnWriteArrayList<>();
  final List<String> shardThreads = new CopyOnWriteArrayList<>();
  final List<String> judgedThreads = new CopyOnWriteArrayList<>();
  volatile boolean opened;
  volatile boolean completed;
  volatile boolean closed;
  private final Script myScript = script;

  public RecordingBackend() {
    INSTANCES.add(this);
  }

  static void reset(Script next) {
    script = next;
    INSTANCES.clear();
  }

  static RecordingBackend only() {
    if (INSTANCES.size() != 1) {
      throw new AssertionError("expected one backend, got " + INSTANCES.size());
    }
    return INSTANCES.get(0);
  }

  List<Snapshot> allSnapshots() {
    List<Snapshot> all = new ArrayList<>();
    shards.forEach(s -> all.addAll(s.snapshots()));
    return all;
  }

  @Override
  public void open() {
    if (myScript.openFails()) {
      throw new UncheckedIOException(
          "cannot reach PostHog at http://127.0.0.1:9", new ConnectException("Connection refused"));
    }
    opened = true;
  }

  @Override
  public List<SnapshotVerdict> judgeNow(List<Snapshot> snapshots) {
    judgedThreads.add(Thread.currentThread().getName());
    return snapshots.stream()
        .map(
            s ->
                myScript.changedNow().contains(s.identifier())
                    ? verdict(s.identifier(), SnapshotResult.CHANGED, 2.5, s.source())
                    : verdict(s.identifier(), SnapshotResult.UNCHANGED, null, s.source()))
        .toList();
  }

  private static SnapshotVerdict verdict(
      String id, SnapshotResult result, Double diff, String source) {
    boolean changed = result == SnapshotResult.CHANGED;
    VerdictBuilder verdict =
        VerdictBuilder.verdict(id, result)
            .source(source)
            .reviewState(ReviewState.NONE)
            .diff(diff, null);
    if (!changed) {
      return verdict.reason(ClassificationReason.EXACT).build();
    }
    return verdict
        .kind(ChangeKind.PIXEL)
        .diff(diff, 12L)
        .baseline("baselines/" + id + ".png")
        .current("current/" + id + ".png")
        .diffImage("diffs/" + id + ".png")
        .build();
  }

  @Override
  public void addShard(Shard shard) {
    shardThreads.add(Thread.currentThread().getName());
    shards.add(shard);
  }

  @Override
  public RunOutcome complete() {
    completed = true;
    List<SnapshotVerdict> verdicts = new ArrayList<>();
    for (Snapshot s : allSnapshots()) {
      verdicts.add(
          myScript.changedAtEnd().contains(s.identifier())
              ? verdict(s.identifier(), SnapshotResult.CHANGED, 4.25, s.source())
              : verdict(s.identifier(), SnapshotResult.UNCHANGED, null, s.source()));
    }
    int changed = (int) verdicts.stream().filter(v -> v.result() == SnapshotResult.CHANGED).count();
    Verdict verdict = changed == 0 ? Verdict.PASS : myScript.endVerdict();
    Conclusion conclusion =
        changed == 0
            ? new Conclusion.Clean()
            : verdict == Verdict.WARN ? new Conclusion.Drift() : new Conclusion.ChangesToReview();
    return RunOutcome.builder(Mode.POSTHOG)
        .runId("run-1")
        .run("junit", "main", "0123456789abcdef0123456789abcdef01234567")
        .counts(new RunCounts(verdicts.size(), verdicts.size() - changed, changed, 0, 0, changed))
        .snapshots(verdicts)
        .reviewUrl("http://review.test/runs/run-1")
        .verdict(verdict, verdict == Verdict.FAIL ? 1 : 0)
        .conclusion(conclusion)
        .build();
  }

  @Override
  public void close() {
    closed = true;
  }
}
