package dev.visualreview.image.diff;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntToDoubleFunction;

/**
 * Runs independent, deterministic strips of work on the calling thread plus idle pool threads, and
 * sums their results in strip order (so the sum does not depend on who computed what).
 *
 * <p>On a busy machine a helper thread can be descheduled in the middle of a strip. The calling
 * thread therefore never waits for a helper: once no strip is left to claim, it computes any strip
 * still in progress itself. A strip may then be computed twice; both computations produce the same
 * result (and write the same diff-image pixels), so whichever finishes first counts. A helper whose
 * strip fails (an {@link OutOfMemoryError}, say) stops and leaves the strip to the calling thread,
 * which then fails the same way, with the error on its own thread rather than as a stack trace from
 * a pool thread.
 */
final class Strips {

  private static final int UNCLAIMED = 0;
  private static final int CLAIMED = 1;
  private static final int DONE = 2;

  private Strips() {}

  /** Sums {@code task(0..n-1)}; in parallel only when {@code parallel} and there are 2+ strips. */
  static double sum(int n, boolean parallel, IntToDoubleFunction task) {
    double[] results = new double[n];
    AtomicIntegerArray state = new AtomicIntegerArray(n);
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            if (state.compareAndSet(i, UNCLAIMED, CLAIMED)) {
              double r = task.applyAsDouble(i);
              results[i] = r;
              state.set(i, DONE);
            }
          }
        };
    Runnable helper =
        () -> {
          try {
            worker.run();
          } catch (RuntimeException | Error e) {
            // the strip stays CLAIMED: the calling thread computes it and meets the error itself
          }
        };
    int helpers = parallel ? Math.min(n - 1, ForkJoinPool.getCommonPoolParallelism()) : 0;
    for (int h = 0; h < helpers; h++) {
      ForkJoinPool.commonPool().execute(helper);
    }
    worker.run();
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (state.get(i) != DONE) {
        // a helper holds this strip but is not done (perhaps not even running): do it here
        double r = task.applyAsDouble(i);
        if (state.get(i) != DONE) {
          results[i] = r;
          state.set(i, DONE);
        }
      }
      total += results[i];
    }
    return total;
  }
}
