package dev.visualreview.junit.suite;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.junit.FixtureGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Part of a small visual suite that PartialRunTest runs through the JUnit Platform launcher. */
@VisualReview
@ExtendWith(FixtureGuard.class)
public class CartScreens {
  /** When set, {@link #checkout} stops at an assumption before it captures. */
  public static volatile boolean skipCheckout;

  @Test
  void cart(Snapshots snapshots) {
    snapshots.capture("cart", SuitePngs.png(4));
  }

  @Test
  void checkout(Snapshots snapshots) {
    assumeFalse(skipCheckout, "checkout is switched off");
    snapshots.capture("checkout", SuitePngs.png(5));
  }
}
