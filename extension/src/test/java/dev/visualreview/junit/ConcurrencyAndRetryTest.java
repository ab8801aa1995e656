package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.run.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ConcurrencyAndRetryTest {
  @TempDir Path reportDir;

  /** Set by the parallel test: the first repetition of each class waits for the others. */
  static volatile CyclicBarrier allClassesAtOnce;

  @BeforeEach
  void reset() {
    RecordingBackend.reset(RecordingBackend.Script.clean());
    allClassesAtOnce = null;
  }

  abstract static class FiftySnapshots {
    @RepeatedTest(10)
    void shots(Snapshots snapshots, RepetitionInfo repetition, TestInfo info) throws Exception {
      CyclicBarrier barrier = allClassesAtOnce;
      if (barrier != null && repetition.getCurrentRepetition() == 1) {
        barrier.await(60, TimeUnit.SECONDS);
      }
      int seed = info.getTestClass().orElseThrow().getSimpleName().hashCode();
      for (int i = 0; i < 5; i++) {
        snapshots.capture(
            "shot-" + i, TestPngs.png(seed + repetition.getCurrentRepetition() * 10 + i));
      }
    }
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class ParallelA extends FiftySnapshots {}

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class ParallelB extends FiftySnapshots {}

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class ParallelC extends FiftySnapshots {}

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class ParallelD extends FiftySnapshots {}

  static final AtomicInteger attempts = new AtomicInteger();

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Flaky {
    @RetryUpToThreeTimes
    void checkout(Snapshots snapshots) {
      int attempt = attempts.incrementAndGet();
      snapshots.capture("cart", TestPngs.png(100 + attempt));
      if (attempt == 1) {
        snapshots.capture("error-banner", TestPngs.png(200));
        throw new AssertionError("flaky failure on the first attempt");
      }
    }
  }

  private EngineExecutionResults runFourClasses(boolean parallel) {
    VisualReviewKit kit = new VisualReviewKit(reportDir.resolve(parallel ? "parallel" : "serial"));
    if (parallel) {
      kit.with("junit.jupiter.execution.parallel.enabled", "true")
          .with("junit.jupiter.execution.parallel.mode.default", "concurrent")
          .with("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
          .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
          .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "8");
    }
    return kit.run(ParallelA.class, ParallelB.class, ParallelC.class, ParallelD.class);
  }

  private static Map<String, String> hashesById(List<Snapshot> snapshots) {
    return snapshots.stream()
        .collect(Collectors.toMap(Snapshot::identifier, Snapshot::contentHash));
  }

  @Test
  void parallelRunWithEightThreadsLosesNoneOf200SnapshotsAndMatchesTheSerialRun() {
    runFourClasses(false).testEvents().assertStatistics(s -> s.succeeded(40).failed(0));
    List<Snapshot> serial = RecordingBackend.only().allSnapshots();
    RecordingBackend.reset(RecordingBackend.Script.clean());
    allClassesAtOnce = new CyclicBarrier(4);

    EngineExecutionResults parallel = runFourClasses(true);

    parallel.testEvents().assertStatistics(s -> s.succeeded(40).failed(0));
    assertThat(VisualReviewKit.engineFailure(parallel)).isNull();
    RecordingBackend backend = RecordingBackend.only();
    assertThat(backend.shards).hasSize(4).allSatisfy(s -> assertThat(s.snapshots()).hasSize(50));
    List<Snapshot> all = backend.allSnapshots();
    assertThat(all).hasSize(200);
    assertThat(hashesById(all)).hasSize(200).isEqualTo(hashesById(serial));
    assertThat(backend.completed).isTrue();
  }

  @Test
  void retriedTestContributesOnlyItsLastAttempt() {
    attempts.set(0);
    EngineExecutionResults results = new VisualReviewKit(reportDir).run(Flaky.class);

    results.testEvents().assertStatistics(s -> s.aborted(1).succeeded(1).failed(0));
    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    List<Snapshot> sent = RecordingBackend.only().allSnapshots();
    assertThat(sent).extracting(Snapshot::identifier).containsExactly("Flaky--checkout--cart");
    assertThat(sent.get(0).source()).isEqualTo("Flaky.checkout() [2]");
    assertThat(sent.get(0).contentHash())
        .isEqualTo(dev.visualreview.image.ContentHash.of(TestPngs.png(102)).contentHash());
  }
}
