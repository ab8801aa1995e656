package dev.visualreview;

/**
 * The page kept changing: no two consecutive screenshots were identical within the attempt and time
 * bounds. Carries the snapshot name and the bounding box (in image pixels) of everything that
 * changed between consecutive captures.
 */
public class UnstableCaptureException extends CaptureException {
  private static final long serialVersionUID = 1L;

  private final String snapshotName;
  private final PixelRegion changedRegion;

  public UnstableCaptureException(
      String snapshotName, PixelRegion changedRegion, int attempts, long elapsedMillis) {
    super(
        "snapshot '"
            + snapshotName
            + "' is unstable: "
            + attempts
            + " screenshots in "
            + elapsedMillis
            + " ms never gave two identical ones in a row; the region that kept changing is "
            + changedRegion
            + ". Mask it (CaptureOptions.builder().mask(...)), hide it with style(...), wait for"
            + " the page to settle before capturing, or raise maxAttempts/stabilityTimeout");
    this.snapshotName = snapshotName;
    this.changedRegion = changedRegion;
  }

  public String snapshotName() {
    return snapshotName;
  }

  /** The bounding box of all pixels that differed between consecutive captures. */
  public PixelRegion changedRegion() {
    return changedRegion;
  }
}
