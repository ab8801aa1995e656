package dev.visualreview.review;

import dev.visualreview.report.ReviewControls;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotVerdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reviewing one finished run: what it found, what can be done with each snapshot, and doing it. The
 * local review writes baseline images; the PostHog review calls approve and finalize.
 * Implementations are thread-safe: the review server calls them from its request threads.
 */
public interface Review {

  /** The run as it stands now (after any accepts), for the page and the listing. */
  RunOutcome outcome();

  /** Per identifier, what a reviewer can do with it here. */
  Map<String, ReviewControls.Action> actions();

  /** Sentences the page shows above the snapshots (where baselines are written, ...). */
  default List<String> notices() {
    return List.of();
  }

  /** Whether {@link #recompute} applies to this run now. */
  default boolean recomputeOffered() {
    return false;
  }

  /** Whether {@link #history} is available. */
  default boolean historyOffered() {
    return false;
  }

  /**
   * Accepts these snapshots: their current images become the baselines.
   *
   * @throws ReviewException when an identifier is unknown or cannot be accepted here (nothing is
   *     accepted then), or when writing or the server fails
   */
  ReviewResult accept(List<String> identifiers);

  /** Accepts every snapshot that can be accepted. */
  ReviewResult acceptAll();

  /**
   * Deletes the baselines of these removed snapshots.
   *
   * @throws ReviewException as {@link #accept}
   */
  ReviewResult prune(List<String> identifiers);

  /** Asks PostHog to recompute the run. */
  default ReviewResult recompute() {
    throw ReviewException.badInput("recompute applies only to PostHog runs");
  }

  /** Earlier baselines of a snapshot, newest first, as JSON-ready maps. */
  default List<Map<String, Object>> history(String identifier) {
    throw ReviewException.badInput("snapshot history is only kept by PostHog");
  }

  /** An image of the page, by the path the page uses for it; empty when there is none. */
  Optional<byte[]> image(String path);

  /** The snapshots that still need review. */
  default List<SnapshotVerdict> pending() {
    return outcome().snapshots().stream().filter(SnapshotVerdict::actionable).toList();
  }
}
