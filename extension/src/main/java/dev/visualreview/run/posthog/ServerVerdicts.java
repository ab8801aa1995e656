package dev.visualreview.run.posthog;

import dev.visualreview.api.Artifact;
import dev.visualreview.api.RunSnapshot;
import dev.visualreview.api.RunSummary;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.VerdictBuilder;
import java.util.Optional;

/**
 * The server's run summary and snapshots as counts and verdicts, for the backend's outcome and for
 * {@code review}.
 */
public final class ServerVerdicts {
  private ServerVerdicts() {}

  /**
   * The run's counts; an older server that does not send {@code unresolved} counts every change as
   * unresolved, as the PostHog CLI does.
   */
  public static RunCounts counts(RunSummary s) {
    return new RunCounts(
        s.total(),
        s.unchanged(),
        s.changed(),
        s.added(),
        s.removed(),
        s.unresolved() == null ? s.changes() : s.unresolved());
  }

  /**
   * A verdict builder for one of the server's snapshots (the caller may add the test it came from
   * or images), or empty when its result is one this library does not know.
   *
   * @param runReviewUrl the run's PostHog page; the snapshot's link adds {@code ?snapshot=<id>}
   */
  public static Optional<VerdictBuilder> of(RunSnapshot s, String runReviewUrl) {
    SnapshotResult result;
    try {
      result = SnapshotResult.fromWire(s.result());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(
        VerdictBuilder.verdict(s.identifier(), result)
            .reason(ClassificationReason.fromWire(s.classificationReason()))
            .kind(ChangeKind.fromWire(s.changeKind()))
            .diff(s.diffPercentage(), s.diffPixelCount())
            .ssim(s.ssimScore())
            .sizeMismatch(s.sizeMismatch())
            .reviewUrl(runReviewUrl + (s.id() == null ? "" : "?snapshot=" + s.id()))
            .quarantined(s.isQuarantined())
            .reviewState(ReviewState.fromWire(s.reviewState()))
            .contentHash(contentHash(s, result)));
  }

  /** The hash of the image a row is about: the baseline of a removed row, else the current one. */
  private static String contentHash(RunSnapshot s, SnapshotResult result) {
    Artifact a = result == SnapshotResult.REMOVED ? s.baselineArtifact() : s.currentArtifact();
    return a == null ? null : a.contentHash();
  }
}
