package dev.visualreview.junit;

import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's snapshots until the class ends: the last attempt of each test (a retried test
 * replaces its earlier attempts), the class-level captures, and which test runs on which thread so
 * a {@code Snapshots} injected at class level attributes captures to the running test.
 */
final class ClassSnapshots {

  /** What a finished attempt replaced: the earlier attempt and identifiers it no longer has. */
  record Replaced(String attempt, Set<String> identifiers) {}

  private record Attempt(String attempt, List<TestSnapshots.Captured> captured) {}

  private final String shardName;
  private final TestSnapshots classLevel;
  private final ConcurrentMap<Thread, TestSnapshots> running = new ConcurrentHashMap<>();
  private final Map<String, Attempt> lastAttempts = new LinkedHashMap<>();

  ClassSnapshots(ExtensionContext classContext) {
    Integer classIndex = TestCoordinates.invocationIndex(classContext.getUniqueId());
    this.shardName =
        classContext.getRequiredTestClass().getName()
            + (classIndex == null ? "" : "[" + classIndex + "]");
    this.classLevel = new TestSnapshots(TestCoordinates.ofClass(classContext), classContext);
  }

  TestSnapshots classLevel() {
    return classLevel;
  }

  void started(TestSnapshots test) {
    running.put(Thread.currentThread(), test);
  }

  void ended(TestSnapshots test) {
    running.remove(Thread.currentThread(), test);
  }

  /**
   * The test a class-level {@code Snapshots} should attribute a capture to: the one running on this
   * thread, else the only running one, else class level.
   *
   * @throws IllegalStateException when several tests run concurrently and none on this thread
   */
  TestSnapshots current() {
    TestSnapshots onThisThread = running.get(Thread.currentThread());
    if (onThisThread != null) {
      return onThisThread;
    }
    List<TestSnapshots> all = new ArrayList<>(running.values());
    if (all.isEmpty()) {
      return classLevel;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    throw new IllegalStateException(
        "cannot tell which of "
            + all.size()
            + " concurrently running tests of "
            + shardName
            + " this capture belongs to (it runs on a thread none of them started): declare"
            + " Snapshots as a parameter of the test method instead of storing it in a field");
  }

  /** Records an attempt's snapshots, replacing earlier attempts of the same retry group. */
  synchronized Replaced finished(TestSnapshots test) {
    TestCoordinates c = test.coordinates();
    Attempt previous = lastAttempts.remove(c.group());
    lastAttempts.put(c.group(), new Attempt(c.attempt(), test.captured()));
    if (previous == null || previous.attempt().equals(c.attempt())) {
      return new Replaced(c.attempt(), Set.of());
    }
    Set<String> now =
        test.captured().stream().map(s -> s.snapshot().identifier()).collect(Collectors.toSet());
    Set<String> dropped =
        previous.captured().stream()
            .map(s -> s.snapshot().identifier())
            .filter(id -> !now.contains(id))
            .collect(Collectors.toSet());
    return new Replaced(previous.attempt(), dropped);
  }

  /** The class's shard: every kept snapshot, in capture order. */
  synchronized Shard toShard() {
    List<TestSnapshots.Captured> all = new ArrayList<>();
    lastAttempts.values().forEach(a -> all.addAll(a.captured()));
    all.sort(Comparator.comparingLong(TestSnapshots.Captured::sequence));
    List<Snapshot> snapshots = all.stream().map(TestSnapshots.Captured::snapshot).toList();
    return new Shard(shardName, snapshots);
  }
}
