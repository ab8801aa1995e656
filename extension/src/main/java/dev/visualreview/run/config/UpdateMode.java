package dev.visualreview.run.config;

import java.util.Locale;

/**
 * Which local baseline images a local run writes, like Playwright's {@code --update-snapshots}.
 * Only baseline images are written; {@code snapshots.yml} belongs to the PostHog server.
 */
public enum UpdateMode {
  /** Write nothing: new and changed snapshots need a person. The default in CI. */
  NONE,
  /** Record baselines for new snapshots only. The default outside CI. */
  MISSING,
  /** Record new snapshots and overwrite the baselines of changed ones. */
  CHANGED,
  /**
   * Rewrite every baseline the run produced and delete baselines no longer produced (not on partial
   * runs).
   */
  ALL;

  /** The configuration value: {@code none}, {@code missing}, {@code changed} or {@code all}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The default: {@link #NONE} in CI, so CI never invents baselines; else {@link #MISSING}. */
  public static UpdateMode defaultFor(boolean ci) {
    return ci ? NONE : MISSING;
  }
}
