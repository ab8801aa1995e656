package dev.visualreview.junit.autosuite;

import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.junit.FixtureGuard;
import dev.visualreview.junit.suite.SuitePngs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Annotated as well: the auto-detected extension must not work on it a second time. */
@VisualReview
@ExtendWith(FixtureGuard.class)
public class AnnotatedScreens {
  @Test
  void cart(Snapshots snapshots) {
    snapshots.capture("cart", SuitePngs.png(2));
  }
}
