package dev.visualreview.junit.autosuite;

import dev.visualreview.Snapshots;
import dev.visualreview.junit.FixtureGuard;
import dev.visualreview.junit.suite.SuitePngs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Takes Snapshots without {@code @VisualReview}: works when extension auto-detection is on. */
@ExtendWith(FixtureGuard.class)
public class AutoScreens {
  @Test
  void landing(Snapshots snapshots) {
    snapshots.capture("hero", SuitePngs.png(1));
  }
}
