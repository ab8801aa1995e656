package dev.visualreview.capture.selenium;

import dev.visualreview.CaptureException;
import dev.visualreview.capture.PageDeadline;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds the driver calls of one capture: a WebDriver call waits for as long as the page's main
 * thread is busy, so a page stuck in a script would hold the test. Blocking calls run on a reused
 * pool of daemon threads (a thread still blocked on a stuck page is simply not available, and the
 * pool starts another); calls that answer asynchronously (the DevTools socket) are awaited.
 */
final class DriverCalls {
  private static final ExecutorService HELPERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "visual-review page script");
            thread.setDaemon(true);
            return thread;
          });

  private final String snapshotName;
  private final long millis;
  private boolean unresponsive;

  DriverCalls(String snapshotName, long millis) {
    this.snapshotName = snapshotName;
    this.millis = millis;
  }

  /** Whether a call did not answer in time. */
  boolean unresponsive() {
    return unresponsive;
  }

  /** Runs a blocking driver call on a helper thread and waits for it within the deadline. */
  <T> T blocking(Callable<T> call, String when) {
    return await(HELPERS.submit(call), when);
  }

  /** Waits for an asynchronous answer within the deadline. */
  <T> T answered(CompletableFuture<T> answer, String when) {
    return await(answer, when);
  }

  private <T> T await(Future<T> task, String when) {
    try {
      return task.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      unresponsive = true;
      task.cancel(true);
      throw PageDeadline.notAnswering(snapshotName, millis, when, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new CaptureException("snapshot '" + snapshotName + "': " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new CaptureException("snapshot '" + snapshotName + "': interrupted while capturing", e);
    }
  }
}
