package dev.visualreview.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One suite's visual review: owns the {@link Backend}, opens it in the background, hands shards to
 * it on background threads (never on a test thread), and at the end waits for them and completes
 * the run. Failures of the backend are collected, not thrown, so the end of the suite can apply the
 * configured failure policy. Thread-safe.
 */
public final class RunSession implements AutoCloseable {
  private final Backend backend;
  private final boolean completesRun;
  private final String joinedRunId;
  private final ExecutorService executor;
  private final CompletableFuture<Void> opened;
  private final List<CompletableFuture<Void>> submissions = new ArrayList<>();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger shards = new AtomicInteger();
  private final AtomicInteger snapshots = new AtomicInteger();
  private final Map<String, String> captured = new ConcurrentSkipListMap<>();
  private final Runnable onClose;
  private volatile boolean closed;

  private RunSession(Backend backend, String joinedRunId, int uploadThreads, Runnable onClose) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.completesRun = joinedRunId == null;
    this.joinedRunId = joinedRunId;
    this.onClose = onClose;
    this.executor = Executors.newFixedThreadPool(uploadThreads, daemonThreads());
    this.opened = CompletableFuture.runAsync(backend::open, executor);
    opened.whenComplete((ok, error) -> recordFailure(error));
  }

  /**
   * Starts a session and opens the backend in the background.
   *
   * @param backend the backend; the session closes it
   * @param joinedRunId the run joined in shard mode (the session then never completes it), or null
   * @param uploadThreads threads handing shards to the backend
   * @param onClose run once when the session closes (e.g. to release a lock), or null
   */
  public static RunSession start(
      Backend backend, String joinedRunId, int uploadThreads, Runnable onClose) {
    return new RunSession(backend, joinedRunId, uploadThreads, onClose);
  }

  /**
   * Judges one test's snapshots now, for backends that can. Waits (bounded) for the backend to
   * open; when it could not, returns no verdicts: the failure is reported at the end of the suite.
   */
  public List<SnapshotVerdict> judge(List<Snapshot> testSnapshots, Duration timeout) {
    remember(testSnapshots);
    if (testSnapshots.isEmpty() || !awaitOpen(timeout)) {
      return List.of();
    }
    return backend.judgeNow(testSnapshots);
  }

  /** Hands a shard to the backend on a background thread; returns at once. */
  public void submit(Shard shard) {
    if (closed) {
      throw new IllegalStateException("the visual review session has ended; shard " + shard.name());
    }
    if (shard.snapshots().isEmpty()) {
      return;
    }
    shards.incrementAndGet();
    snapshots.addAndGet(shard.snapshots().size());
    remember(shard.snapshots());
    CompletableFuture<Void> submission =
        opened.thenRunAsync(() -> backend.addShard(shard), executor);
    submission.whenComplete(
        (ok, error) -> {
          if (error != null && !opened.isCompletedExceptionally()) {
            recordFailure(error);
          }
        });
    synchronized (submissions) {
      submissions.add(submission);
    }
  }

  /**
   * Waits for every shard, then completes the run (unless it was joined) and returns how it ended.
   * Never waits longer than {@code timeout} in total for shards and completion together.
   */
  public SessionEnding finish(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CompletableFuture<Void>> pending;
    synchronized (submissions) {
      pending = new ArrayList<>(submissions);
    }
    pending.add(opened);
    CompletableFuture<Void> all =
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
    if (!await(all, deadline) && !all.isDone()) {
      // a shard that failed is reported as itself; only shards still running ran out of time
      long done = pending.stream().filter(f -> f.isDone() && f != opened).count();
      failures.add(
          new TimeoutException(
              (opened.isDone()
                      ? "uploads did not finish within "
                          + timeout.toSeconds()
                          + "s ("
                          + done
                          + " of "
                          + (pending.size() - 1)
                          + " shard(s) sent)"
                      : "the backend did not open within " + timeout.toSeconds() + "s")
                  + "; raise visualreview.timeoutSeconds if the suite is large or the network"
                  + " slow"));
    }
    RunOutcome outcome = null;
    if (completesRun && failures.isEmpty()) {
      CompletableFuture<RunOutcome> completion =
          CompletableFuture.supplyAsync(backend::complete, executor);
      if (await(completion, deadline)) {
        outcome = completion.getNow(null);
      } else if (!completion.isCompletedExceptionally()) {
        completion.cancel(true);
        failures.add(new VerdictTimeoutException(verdictLate(timeout)));
      }
    }
    return new SessionEnding(
        outcome, new ArrayList<>(failures), shards.get(), snapshots.get(), joinedRunId);
  }

  private void remember(List<Snapshot> list) {
    for (Snapshot s : list) {
      captured.put(s.identifier(), s.source());
    }
  }

  /** Every snapshot handed to the session (judged or in a shard), by identifier. */
  public List<UnjudgedSnapshot> captured() {
    List<UnjudgedSnapshot> out = new ArrayList<>();
    captured.forEach((id, source) -> out.add(new UnjudgedSnapshot(id, source)));
    return out;
  }

  /** How far the backend got (see {@link Backend#progress()}); never throws. */
  public Backend.Progress progress() {
    try {
      return backend.progress();
    } catch (RuntimeException e) {
      return Backend.Progress.NONE;
    }
  }

  private String verdictLate(Duration timeout) {
    Backend.Progress progress = progress();
    StringBuilder b =
        new StringBuilder("the run's verdict did not arrive within ")
            .append(timeout.toSeconds())
            .append("s (visualreview.timeoutSeconds)");
    if (progress.runId() != null) {
      b.append(": run ")
          .append(progress.runId())
          .append(" was completed and still being processed");
      if (progress.reviewUrl() != null && progress.reviewUrl().startsWith("http")) {
        b.append("; look at it at ").append(progress.reviewUrl());
      }
    }
    return b.append(", or raise visualreview.timeoutSeconds if the service is busy").toString();
  }

  private boolean awaitOpen(Duration timeout) {
    return await(opened, System.nanoTime() + timeout.toNanos());
  }

  /** Waits until done or the deadline; true when completed normally. Records failures. */
  private boolean await(CompletableFuture<?> future, long deadlineNanos) {
    try {
      future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException e) {
      recordFailure(e.getCause());
      return false;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void recordFailure(Throwable error) {
    if (error == null) {
      return;
    }
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    for (Throwable known : failures) {
      if (known == cause) {
        return;
      }
    }
    failures.add(cause);
  }

  /** Stops the background threads and closes the backend. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdownNow();
    try {
      backend.close();
    } finally {
      if (onClose != null) {
        onClose.run();
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "visual-review-upload-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
