package dev.visualreview.run.local;

import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.report.ReportImages;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.UpdateMode;
import dev.visualreview.run.local.Judgement.Write;
import java.nio.file.Path;

/**
 * Applies a {@link Judgement}: writes the report's images (current, baseline, diff), keeps the
 * current image in the image store, writes the baseline image the update mode asks for, and turns
 * the judgement into the {@link SnapshotVerdict} with a note that says what happened.
 */
final class JudgementWriter {
  /** The configuration key users set to record or update baselines (named in notes). */
  static final String UPDATE_KEY = "visualreview.update";

  private final LocalBaselines baselines;
  private final ReportImages images;
  private final UpdateMode mode;
  private final boolean ci;

  JudgementWriter(LocalBaselines baselines, ReportImages images, UpdateMode mode, boolean ci) {
    this.baselines = baselines;
    this.images = images;
    this.mode = mode;
    this.ci = ci;
  }

  SnapshotVerdict apply(Judgement j) {
    Snapshot s = j.snapshot();
    VerdictBuilder v =
        VerdictBuilder.verdict(s.identifier(), j.result())
            .source(s.source())
            .contentHash(s.contentHash())
            .reason(j.reason())
            .current(images.write(s.identifier(), "current", s.png()));
    storeQuietly(s);
    if (j.baselinePng() != null) {
      v.baseline(images.write(s.identifier(), "baseline", j.baselinePng()));
    }
    DiffResult d = j.diff();
    if (d != null) {
      v.diff(d.diffPercentage(), d.diffPixelCount())
          .ssim(d.ssim())
          .sizeMismatch(d.sizeMismatch())
          .rowShift(d.rowShift())
          .kind(ChangeKind.fromWire(d.changeKind()));
      if (d.diffImage() != null) {
        v.diffImage(images.write(s.identifier(), "diff", PngEncoder.encode(d.diffImage())));
      }
    }
    Path written = write(j);
    return v.reviewState(reviewState(j)).note(note(j, written)).build();
  }

  private Path write(Judgement j) {
    return j.write() == Write.NONE
        ? null
        : baselines.write(j.snapshot().identifier(), j.snapshot().png());
  }

  private ReviewState reviewState(Judgement j) {
    return switch (j.finding()) {
      case SAME -> ReviewState.NONE;
      case CHANGED, UNUSABLE_BASELINE ->
          j.write() == Write.UPDATE ? ReviewState.APPROVED : ReviewState.PENDING;
      case NEW -> j.write() == Write.RECORD && !ci ? ReviewState.APPROVED : ReviewState.PENDING;
      default -> ReviewState.PENDING;
    };
  }

  private String note(Judgement j, Path written) {
    String id = j.snapshot().identifier();
    return switch (j.finding()) {
      case SAME ->
          j.write() == Write.REWRITE
              ? "baseline rewritten at " + written + " (update mode all)"
              : "";
      case CHANGED ->
          j.write() == Write.UPDATE
              ? "baseline updated at "
                  + written
                  + " (update mode "
                  + mode.value()
                  + "): review and commit it."
              : "";
      case CHANGED_PINNED ->
          mode == UpdateMode.CHANGED || mode == UpdateMode.ALL
              ? "snapshots.yml (owned by PostHog) pins this baseline, so a local update cannot"
                  + " accept the change: approve it on PostHog."
              : "";
      case PINNED_IMAGE_MISSING ->
          "snapshots.yml expects baseline hash "
              + abbreviate(j.detail())
              + " but no image with that hash is on this machine (neither "
              + baselineFileText(id)
              + " nor the image store): the pixels cannot be compared here. Run the suite once"
              + " on the commit that recorded the baseline (e.g. main) to cache it, or review"
              + " the change on PostHog.";
      case CANNOT_COMPARE -> "cannot compare: " + j.detail();
      case UNUSABLE_BASELINE ->
          j.write() == Write.UPDATE
              ? "baseline image "
                  + j.file()
                  + " was not a usable PNG ("
                  + j.detail()
                  + "); replaced with the current image (update mode "
                  + mode.value()
                  + ")."
              : "baseline image "
                  + j.file()
                  + " is not a usable PNG ("
                  + j.detail()
                  + "): delete it, or rerun with -D"
                  + UPDATE_KEY
                  + "=changed to replace it.";
      case NEW -> newNote(id, j.write());
    };
  }

  private String newNote(String identifier, Write write) {
    Path target = baselines.pathFor(identifier);
    if (write == Write.NONE) {
      return "no baseline: run the test locally (it records "
          + target
          + " by default outside CI, or with -D"
          + UPDATE_KEY
          + "=missing) and commit the image.";
    }
    if (ci) {
      return "no baseline: a missing baseline fails in CI. Recorded "
          + target
          + " on this machine; commit the baseline image from a local run.";
    }
    return "new baseline recorded at " + target + ": review and commit it.";
  }

  private String baselineFileText(String identifier) {
    try {
      return baselines.pathFor(identifier).toString();
    } catch (IllegalArgumentException e) {
      return "a baseline image";
    }
  }

  private void storeQuietly(Snapshot s) {
    if (baselines.store() == null) {
      return;
    }
    try {
      baselines.store().put(s.contentHash(), s.png());
    } catch (RuntimeException e) {
      // the store is a convenience: a full disk there must not fail the run
    }
  }

  static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
