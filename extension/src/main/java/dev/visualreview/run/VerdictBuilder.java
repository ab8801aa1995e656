package dev.visualreview.run;

/**
 * Builds a {@link SnapshotVerdict}, naming only the fields that matter: the others keep their quiet
 * defaults (no reason, no change kind, no diff figures, no images, no note, not quarantined; review
 * state {@link ReviewState#PENDING} unless the snapshot is unchanged).
 */
public final class VerdictBuilder {
  private final String identifier;
  private final SnapshotResult result;
  private ClassificationReason reason = ClassificationReason.NONE;
  private ChangeKind changeKind = ChangeKind.NONE;
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
  private ReviewState reviewState;
  private String contentHash;
  private String renamedFrom;

  private VerdictBuilder(String identifier, SnapshotResult result) {
    this.identifier = identifier;
    this.result = result;
    this.reviewState = result == SnapshotResult.UNCHANGED ? ReviewState.NONE : ReviewState.PENDING;
  }

  /** A verdict on {@code identifier} with every other field at its default. */
  public static VerdictBuilder verdict(String identifier, SnapshotResult result) {
    return new VerdictBuilder(identifier, result);
  }

  static VerdictBuilder from(SnapshotVerdict v) {
    VerdictBuilder b = new VerdictBuilder(v.identifier(), v.result());
    b.reason = v.classificationReason();
    b.changeKind = v.changeKind();
    b.diffPercentage = v.diffPercentage();
    b.diffPixelCount = v.diffPixelCount();
    b.ssim = v.ssim();
    b.sizeMismatch = v.sizeMismatch();
    b.rowShift = v.rowShift();
    b.source = v.source();
    b.baselineImage = v.baselineImage();
    b.currentImage = v.currentImage();
    b.diffImage = v.diffImage();
    b.reviewUrl = v.reviewUrl();
    b.note = v.note();
    b.quarantined = v.quarantined();
    b.reviewState = v.reviewState();
    b.contentHash = v.contentHash();
    b.renamedFrom = v.renamedFrom();
    return b;
  }

  public VerdictBuilder reason(ClassificationReason reason) {
    this.reason = reason;
    return this;
  }

  public VerdictBuilder kind(ChangeKind changeKind) {
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

  public VerdictBuilder reviewState(ReviewState reviewState) {
    this.reviewState = reviewState;
    return this;
  }

  public VerdictBuilder contentHash(String contentHash) {
    this.contentHash = contentHash;
    return this;
  }

  public VerdictBuilder renamedFrom(String identifier) {
    this.renamedFrom = identifier;
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
        reviewState,
        contentHash,
        renamedFrom);
  }
}
