package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import dev.visualreview.PixelRegion;
import dev.visualreview.UnstableCaptureException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Retakes a screenshot until it stops changing.
 *
 * <p>A page is settled when two consecutive screenshots have identical pixels. To keep a settled
 * page close to the cost of one plain screenshot, the first screenshot is taken with a quiet-page
 * proof (a DOM mutation observer, running animations, font and image state, no canvas/video/frames)
 * and accepted alone when the proof holds; otherwise, or with {@link
 * CaptureOptions#strictStability()}, screenshots are retaken (with a short, growing pause after
 * each difference) until two in a row are identical, within {@link CaptureOptions#maxAttempts()}
 * and {@link CaptureOptions#stabilityTimeout()}.
 */
final class StableCapture {
  private static final long FIRST_PAUSE_MILLIS = 50;
  private static final long MAX_PAUSE_MILLIS = 400;

  /**
   * The accepted screenshot.
   *
   * @param png PNG bytes
   * @param attempts how many screenshots were taken
   */
  public record Result(byte[] png, int attempts) {}

  private StableCapture() {}

  public static Result take(Screenshotter screenshotter, CaptureOptions options, String name) {
    if (!options.stable()) {
      return new Result(screenshotter.take(false).png(), 1);
    }
    long start = System.nanoTime();
    long deadline = start + options.stabilityTimeout().toNanos();
    Screenshotter.Shot first = screenshotter.take(!options.strictStability());
    if (first.quiet() && !options.strictStability()) {
      return new Result(first.png(), 1);
    }
    byte[] previous = first.png();
    int attempts = 1;
    PixelRegion changed = null;
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      // Two screenshots are always compared, however slow one is: "unstable" needs evidence.
      boolean outOfTime = changed != null && System.nanoTime() - deadline > 0;
      if (changed != null && (attempts >= options.maxAttempts() || outOfTime)) {
        throw new UnstableCaptureException(
            name, changed, attempts, (System.nanoTime() - start) / 1_000_000);
      }
      byte[] current = screenshotter.take(false).png();
      attempts++;
      Optional<PixelRegion> difference = PixelComparison.changedRegion(previous, current);
      if (difference.isEmpty()) {
        return new Result(current, attempts);
      }
      changed = PixelComparison.union(difference.get(), changed);
      previous = current;
      // Sleep in nanoseconds: rounding the remaining time down to whole milliseconds would let
      // the loop spin without pausing during the last millisecond before the deadline.
      sleepNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(pause), deadline - System.nanoTime()));
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException("interrupted while waiting for the page to settle", e);
    }
  }
}
