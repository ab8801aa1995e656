package dev.visualreview.junit.suite;

import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.junit.FixtureGuard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Part of a small visual suite that PartialRunTest runs through the JUnit Platform launcher. */
@VisualReview
@ExtendWith(FixtureGuard.class)
public class HomeScreens {
  @Test
  void landing(Snapshots snapshots) {
    snapshots.capture("hero", SuitePngs.png(1));
  }

  @Test
  void footer(Snapshots snapshots) {
    snapshots.capture("footer", SuitePngs.png(2));
  }

  @Test
  @Tag("slow")
  void guide(Snapshots snapshots) {
    snapshots.capture("guide", SuitePngs.png(3));
  }
}
