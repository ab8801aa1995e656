package dev.visualreview.run;

import java.util.Objects;

/**
 * What a backend decided about one snapshot. The same shape serves the PostHog backend (from the
 * server's snapshot list) and the local backend (from the local diff), so reports and gating do not
 * care where a verdict came from. Build one with {@link VerdictBuilder}.
 *
 * @param identifier the snapshot identifier
 * @param result unchanged, changed, new or removed
 * @param classificationReason why an unchanged snapshot is unchanged
 * @param changeKind what kind of change a diff found
 * @param diffPercentage percentage of differing pixels (0-100), or null when not diffed
 * @param diffPixelCount number of differing pixels, or null when not diffed
 * @param ssim SSIM score (0-1), or null when not computed
 * @param sizeMismatch whether baseline and current differ in size
 * @param rowShift vertical shift in rows that the diff absorbed or detected, or null
 * @param source the test that produced the snapshot, e.g. {@code CheckoutTest.total()}, or empty
 * @param baselineImage path of the baseline image (relative to the report folder), or null
 * @param currentImage path of the current image (relative to the report folder), or null
 * @param diffImage path of the diff image (relative to the report folder), or null
 * @param reviewUrl where a person reviews this snapshot (PostHog), or null
 * @param note a plain-language remark, e.g. that no baseline image exists to diff against
 * @param quarantined whether the server excludes this snapshot from gating
 * @param reviewState the review state
 * @param contentHash the pixel hash of the image this verdict is about (the current image, or the
 *     baseline of a removed snapshot), or null when unknown
 * @param renamedFrom the removed snapshot whose baseline has exactly these pixels (a new snapshot
 *     that looks like a renamed one), or null
 */
public record SnapshotVerdict(
    String identifier,
    SnapshotResult result,
    ClassificationReason classificationReason,
    ChangeKind changeKind,
    Double diffPercentage,
    Long diffPixelCount,
    Double ssim,
    boolean sizeMismatch,
    Integer rowShift,
    String source,
    String baselineImage,
    String currentImage,
    String diffImage,
    String reviewUrl,
    String note,
    boolean quarantined,
    ReviewState reviewState,
    String contentHash,
    String renamedFrom) {

  public SnapshotVerdict {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(result, "result");
    classificationReason =
        classificationReason == null ? ClassificationReason.NONE : classificationReason;
    changeKind = changeKind == null ? ChangeKind.NONE : changeKind;
    source = source == null ? "" : source;
    note = note == null ? "" : note;
    reviewState = reviewState == null ? ReviewState.NONE : reviewState;
  }

  /**
   * True when a person has to look at this snapshot: anything but unchanged, unless quarantined or
   * already resolved (approved or tolerated, e.g. a baseline the local backend recorded or updated
   * on request). This is the server's "unresolved" rule.
   */
  public boolean actionable() {
    return result != SnapshotResult.UNCHANGED && !quarantined && !reviewState.resolved();
  }

  /** True for changed, new and removed snapshots that are not quarantined, resolved or not. */
  public boolean isChange() {
    return result != SnapshotResult.UNCHANGED && !quarantined;
  }

  /** A builder starting from this verdict, to change a few fields. */
  public VerdictBuilder toBuilder() {
    return VerdictBuilder.from(this);
  }
}
