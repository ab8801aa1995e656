package dev.visualreview.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records what it was asked to wait and does not wait. */
public final class TestSleeper implements Sleeper {
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public void clear() {
    sleeps.clear();
  }
}
