package dev.visualreview.run;

import java.util.List;

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

  /** No snapshots at all. */
  public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0);

  /** changed + new + removed, as the PostHog CLI counts changes. */
  public int changes() {
    return changed + added + removed;
  }

  /** The counts of a list of verdicts, as the server would count them. */
  public static RunCounts of(List<SnapshotVerdict> verdicts) {
    int changed = 0;
    int added = 0;
    int removed = 0;
    int unresolved = 0;
    for (SnapshotVerdict v : verdicts) {
      if (v.quarantined()) {
        continue;
      }
      switch (v.result()) {
        case CHANGED -> changed++;
        case NEW -> added++;
        case REMOVED -> removed++;
        default -> {}
      }
      if (v.actionable()) {
        unresolved++;
      }
    }
    int total = verdicts.size();
    return new RunCounts(
        total, total - changed - added - removed, changed, added, removed, unresolved);
  }
}
