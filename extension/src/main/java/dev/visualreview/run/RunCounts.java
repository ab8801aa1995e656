package dev.visualreview.run;

/**
 * Counts of a finished run, with the server's arithmetic (visual-review-api.md 7.4).
 *
 * @param total number of snapshot rows, removed ones included
 * @param unchanged unchanged rows (quarantined changes count here)
 * @param changed changed rows, quarantined excluded
 * @param added new rows, quarantined excluded (named {@code new} on the wire)
 * @param removed removed rows, quarantined excluded
 * @param unresolved actionable rows not yet approved or tolerated
 */
public record RunCounts(
    int total, int unchanged, int changed, int added, int removed, int unresolved) {

  /** changed + new + removed, as the PostHog CLI counts changes. */
  public int changes() {
    return changed + added + removed;
  }
}
