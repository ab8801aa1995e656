package dev.visualreview.capture.playwright;

import com.microsoft.playwright.PlaywrightException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds one Playwright call made on the calling thread: {@code page.evaluate} and DevTools calls
 * wait for as long as the page's main thread is busy, and have no timeout of their own. When the
 * deadline passes first, the calling thread is interrupted; Playwright, which waits for the answer
 * on that thread, then gives up the call with an exception (and keeps its connection). Playwright
 * itself is only ever used from the calling thread.
 */
final class AnswerDeadline implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "visual-review answer deadline");
            thread.setDaemon(true);
            return thread;
          });

  private final Thread caller = Thread.currentThread();
  private final ScheduledFuture<?> timer;
  private boolean closed;
  private boolean passed;

  AnswerDeadline(long millis) {
    this.timer = TIMER.schedule(this::pass, millis, TimeUnit.MILLISECONDS);
  }

  private synchronized void pass() {
    if (!closed) {
      passed = true;
      caller.interrupt();
    }
  }

  /**
   * Whether Playwright gave up {@code e}'s call because a deadline interrupted its wait: the page
   * is stuck, and the call must not be tried another way.
   */
  static boolean gaveUp(PlaywrightException e) {
    return e.getCause() instanceof InterruptedException;
  }

  /** Whether the deadline passed before {@link #close()}. */
  synchronized boolean passed() {
    return passed;
  }

  /** Ends the deadline; an interrupt it sent and that nobody consumed is cleared. */
  @Override
  public void close() {
    boolean interrupted;
    synchronized (this) {
      closed = true;
      interrupted = passed;
    }
    timer.cancel(false);
    if (interrupted) {
      Thread.interrupted();
    }
  }
}
