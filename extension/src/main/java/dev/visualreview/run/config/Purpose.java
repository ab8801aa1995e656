package dev.visualreview.run.config;

import java.util.Locale;

/** The PostHog run purpose (visual-review-api.md 7.6). */
public enum Purpose {
  /** Changes need approval and gate the build. */
  REVIEW,
  /** Tracking only, for default-branch pushes: drift warns (or fails without tolerate-drift). */
  OBSERVE;

  /** The wire value, {@code review} or {@code observe}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
