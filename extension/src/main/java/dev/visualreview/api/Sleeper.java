package dev.visualreview.api;

import java.time.Duration;

/** Waits between retries and polls; tests pass one that does not really wait. */
@FunctionalInterface
public interface Sleeper {

  /** Really sleeps. */
  Sleeper REAL = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
