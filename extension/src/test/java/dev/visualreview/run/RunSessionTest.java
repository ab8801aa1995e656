package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RunSessionTest {

  /** A backend whose run never finishes processing. */
  static final class StuckBackend implements Backend {
    final CountDownLatch never = new CountDownLatch(1);

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
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }

    public Progress progress() {
      return new Progress("run-7", "https://review.test/runs/run-7", List.of());
    }

    @Override
    public void close() {}
  }

  @Test
  void aVerdictThatDoesNotArriveNamesTheRunAndWhereToLook() {
    try (RunSession session = RunSession.start(new StuckBackend(), null, 1, null)) {
      SessionEnding ending = session.finish(Duration.ofSeconds(5));

      assertThat(ending.outcome()).isNull();
      assertThat(ending.failures())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f).isInstanceOf(VerdictTimeoutException.class);
                assertThat(f.getMessage())
                    .contains("did not arrive within 5s (visualreview.timeoutSeconds)")
                    .contains("run run-7 was completed and still being processed")
                    .contains("https://review.test/runs/run-7");
                assertThat(Failures.kind(f)).isEqualTo(Failures.Kind.NO_VERDICT_IN_TIME);
              });
    }
  }

  /** A backend whose every shard is refused, as by a storage that rejects the upload. */
  static final class RefusingBackend implements Backend {
    @Override
    public void open() {}

    @Override
    public List<SnapshotVerdict> judgeNow(List<Snapshot> snapshots) {
      return List.of();
    }

    @Override
    public void addShard(Shard shard) {
      throw new IllegalStateException("upload refused: AccessDenied");
    }

    @Override
    public RunOutcome complete() {
      throw new AssertionError("a session with failures does not complete the run");
    }

    @Override
    public void close() {}
  }

  @Test
  void aRefusedShardIsTheOnlyFailureNotAlsoATimeout() {
    byte[] png = {1};
    Snapshot s = new Snapshot("T--m--a", png, "ab".repeat(32), 1, 1, java.util.Map.of(), "T.m()");
    try (RunSession session = RunSession.start(new RefusingBackend(), null, 1, null)) {
      session.submit(new Shard("T", List.of(s)));

      SessionEnding ending = session.finish(Duration.ofSeconds(60));

      assertThat(ending.failures())
          .extracting(Throwable::getMessage)
          .containsExactly("upload refused: AccessDenied");
    }
  }
}
