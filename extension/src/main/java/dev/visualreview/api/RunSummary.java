package dev.visualreview.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A run's counts (visual-review-api.md 7.4). {@code unresolved} is null when the server did not
 * send it (older servers); the PostHog CLI then treats every change as unresolved.
 */
public record RunSummary(
    int total,
    int changed,
    @JsonProperty("new") int added,
    int removed,
    int unchanged,
    Integer unresolved,
    int toleratedMatched) {

  public static RunSummary empty() {
    return new RunSummary(0, 0, 0, 0, 0, 0, 0);
  }

  /** changed + new + removed. */
  public int changes() {
    return changed + added + removed;
  }
}
