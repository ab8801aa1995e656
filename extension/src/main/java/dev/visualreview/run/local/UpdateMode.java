package dev.visualreview.run.local;

import java.util.Locale;

/**
 * Which baseline images a local run writes, as Playwright's {@code --update-snapshots} does. Only
 * baseline images are written; {@code snapshots.yml} belongs to the PostHog server.
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

  /**
   * Parses a configuration value (case-insensitive).
   *
   * @param key the configuration key, named in the error
   * @throws IllegalArgumentException naming the key, the value and the choices
   */
  public static UpdateMode parse(String key, String value) {
    if (value != null) {
      for (UpdateMode m : values()) {
        if (m.value().equalsIgnoreCase(value.strip())) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        key + "=" + value + " is not an update mode: use none, missing, changed or all");
  }
}
