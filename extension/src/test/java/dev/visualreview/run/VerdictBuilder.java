package dev.visualreview.run;

/**
 * Test data: a {@link SnapshotVerdict} with every field at its quiet default (no reason, no change
 * kind, no diff figures, no images, no note, not quarantined; review state "pending" unless the
 * snapshot is unchanged), so a test names only the fields it is about.
 */
public final class VerdictBuilder {
  private final String identifier;
  private final SnapshotResult result;
  private String reason = "";
  private String changeKind = "";
  private Double diffPercentage;
  private Long diffPixelCount;
  private Double ssim;
  private boolean sizeMismatch;
  private Integer rowShift;
  private String source = "";
  private String baselineImage;
  private String currentImage;
  private String diffImage;
  private String reviewUrl;
  private String note = "";
  private boolean quarantined;
  private String reviewState;

  private VerdictBuilder(String identifier, SnapshotResult result) {
    this.identifier = identifier;
    this.result = result;
    this.reviewState = result == SnapshotResult.UNCHANGED ? "" : "pending";
  }

  public static VerdictBuilder verdict(String identifier, SnapshotResult result) {
    return new VerdictBuilder(identifier, result);
  }

  public VerdictBuilder reason(String reason) {
    this.reason = reason;
    return this;
  }

  public VerdictBuilder kind(String changeKind) {
    this.changeKind = changeKind;
    return this;
  }

  public VerdictBuilder diff(Double percentage, Long pixelCount) {
    this.diffPercentage = percentage;
    this.diffPixelCount = pixelCount;
    return this;
  }

  public VerdictBuilder ssim(Double ssim) {
    this.ssim = ssim;
    return this;
  }

  public VerdictBuilder sizeMismatch(boolean sizeMismatch) {
    this.sizeMismatch = sizeMismatch;
    return this;
  }

  public VerdictBuilder rowShift(Integer rowShift) {
    this.rowShift = rowShift;
    return this;
  }

  public VerdictBuilder source(String source) {
    this.source = source;
    return this;
  }

  public VerdictBuilder baseline(String image) {
    this.baselineImage = image;
    return this;
  }

  public VerdictBuilder current(String image) {
    this.currentImage = image;
    return this;
  }

  public VerdictBuilder diffImage(String image) {
    this.diffImage = image;
    return this;
  }

  /** Baseline, current and diff images {@code dir/baseline.png}, {@code current.png}, … */
  public VerdictBuilder images(String dir) {
    return baseline(dir + "/baseline.png")
        .current(dir + "/current.png")
        .diffImage(dir + "/diff.png");
  }

  public VerdictBuilder reviewUrl(String url) {
    this.reviewUrl = url;
    return this;
  }

  public VerdictBuilder note(String note) {
    this.note = note;
    return this;
  }

  public VerdictBuilder quarantined(boolean quarantined) {
    this.quarantined = quarantined;
    return this;
  }

  public VerdictBuilder reviewState(String reviewState) {
    this.reviewState = reviewState;
    return this;
  }

  public SnapshotVerdict build() {
    return new SnapshotVerdict(
        identifier,
        result,
        reason,
        changeKind,
        diffPercentage,
        diffPixelCount,
        ssim,
        sizeMismatch,
        rowShift,
        source,
        baselineImage,
        currentImage,
        diffImage,
        reviewUrl,
        note,
        quarantined,
        reviewState);
  }
}
