package dev.visualreview.run;

/**
 * What a backend decided about one snapshot. The same shape serves the PostHog backend (from the
 * server's snapshot list) and the local backend (from the local diff), so reports and gating do not
 * care where a verdict came from.
 *
 * @param identifier the snapshot identifier
 * @param result unchanged, changed, new or removed
 * @param classificationReason {@code exact}, {@code below_threshold}, {@code tolerated_hash} or
 *     empty
 * @param changeKind {@code pixel}, {@code structural}, {@code layout} or empty
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
 * @param reviewState the server's review state ({@code pending}, {@code approved}, ...) or empty
 */
public record SnapshotVerdict(
    String identifier,
    SnapshotResult result,
    String classificationReason,
    String changeKind,
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
    String reviewState) {

  public SnapshotVerdict {
    classificationReason = classificationReason == null ? "" : classificationReason;
    changeKind = changeKind == null ? "" : changeKind;
    source = source == null ? "" : source;
    note = note == null ? "" : note;
    reviewState = reviewState == null ? "" : reviewState;
  }

  /**
   * True when a person has to look at this snapshot: anything but unchanged, unless quarantined or
   * already resolved (review state {@code approved} or {@code tolerated}, e.g. a baseline the local
   * backend recorded or updated on request). This is the server's "unresolved" rule.
   */
  public boolean actionable() {
    return result != SnapshotResult.UNCHANGED
        && !quarantined
        && !reviewState.equals("approved")
        && !reviewState.equals("tolerated");
  }

  /** True for changed, new and removed snapshots that are not quarantined, resolved or not. */
  public boolean isChange() {
    return result != SnapshotResult.UNCHANGED && !quarantined;
  }
}
