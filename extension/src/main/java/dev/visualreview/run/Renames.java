package dev.visualreview.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds new snapshots whose pixels are exactly those of a removed one: most likely a renamed test
 * method or capture, not a visual change. Matches by content hash, one removed snapshot per new
 * one, in identifier order.
 */
public final class Renames {
  private Renames() {}

  /**
   * The renames among {@code verdicts}: new identifier → the removed identifier with the same
   * content hash. Verdicts without a content hash and quarantined ones are left out.
   */
  public static Map<String, String> find(List<SnapshotVerdict> verdicts) {
    Map<String, Deque<String>> removedByHash = new TreeMap<>();
    verdicts.stream()
        .filter(v -> v.result() == SnapshotResult.REMOVED && usable(v))
        .sorted((a, b) -> a.identifier().compareTo(b.identifier()))
        .forEach(
            v ->
                removedByHash
                    .computeIfAbsent(v.contentHash(), h -> new ArrayDeque<>())
                    .add(v.identifier()));
    Map<String, String> renames = new LinkedHashMap<>();
    verdicts.stream()
        .filter(v -> v.result() == SnapshotResult.NEW && usable(v))
        .sorted((a, b) -> a.identifier().compareTo(b.identifier()))
        .forEach(
            v -> {
              Deque<String> removed = removedByHash.get(v.contentHash());
              if (removed != null && !removed.isEmpty()) {
                renames.put(v.identifier(), removed.poll());
              }
            });
    return renames;
  }

  private static boolean usable(SnapshotVerdict v) {
    return !v.quarantined() && v.contentHash() != null && !v.contentHash().isBlank();
  }
}
