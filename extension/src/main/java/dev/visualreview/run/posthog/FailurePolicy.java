package dev.visualreview.run.posthog;

import java.util.Locale;

/**
 * What the PostHog backend does when the service cannot be reached (network errors, timeouts, 5xx
 * and 429 after every retry). Configuration errors (401, 403, 404, 400) always fail.
 */
public enum FailurePolicy {
  /** The suite fails with the reason (default: a review that did not happen is not a pass). */
  FAIL,
  /**
   * The suite passes with a warning saying the screenshots were not reviewed; later shards are not
   * sent. Meant for pipelines where PostHog being down must not block a release.
   */
  WARN;

  /** Parses {@code fail} or {@code warn}, naming the choices otherwise. */
  public static FailurePolicy parse(String value) {
    if (value != null) {
      for (FailurePolicy p : values()) {
        if (p.name().equalsIgnoreCase(value.trim())) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown failure policy '" + value + "': expected fail or warn");
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
