package dev.visualreview.run.config;

import java.util.Locale;

/**
 * What the suite does when the review service cannot be reached (network errors, timeouts, 5xx and
 * 429 after every retry). Configuration errors (401, 403, 404, 400) always fail.
 */
public enum OnUnreachable {
  /** The suite fails with the reason (default: a review that did not happen is not a pass). */
  FAIL,
  /**
   * The suite passes with a warning saying the screenshots were not reviewed; later shards are not
   * sent. Meant for pipelines where PostHog being down must not block a release.
   */
  WARN;

  /** The configuration value, {@code fail} or {@code warn}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
