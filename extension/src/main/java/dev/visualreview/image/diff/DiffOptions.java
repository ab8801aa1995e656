package dev.visualreview.image.diff;

/**
 * How {@link PixelDiff} compares two images.
 *
 * @param threshold pixelmatch colour threshold in {@code [0, 1]}: the largest YIQ distance, as a
 *     fraction of the largest possible one, that still counts as the same colour (server: 0.1)
 * @param detectAntiAliasing when true (the server's and pixelmatch's default), pixels that look
 *     like anti-aliasing in either image are not counted
 * @param renderDiffImage when true, {@link DiffResult#diffImage()} carries a picture of the changes
 */
public record DiffOptions(double threshold, boolean detectAntiAliasing, boolean renderDiffImage) {

  /** The server's colour threshold. */
  public static final double DEFAULT_THRESHOLD = 0.1;

  public DiffOptions {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException(
          "diff threshold must be between 0 and 1 (the server uses 0.1), got " + threshold);
    }
  }

  /** Threshold 0.1, anti-aliasing detection on, no diff image: what the server computes. */
  public static DiffOptions defaults() {
    return new DiffOptions(DEFAULT_THRESHOLD, true, false);
  }

  /** The {@linkplain #defaults() defaults} plus a rendered diff image. */
  public static DiffOptions withDiffImage() {
    return new DiffOptions(DEFAULT_THRESHOLD, true, true);
  }

  /** A copy of these options with a different colour threshold. */
  public DiffOptions threshold(double newThreshold) {
    return new DiffOptions(newThreshold, detectAntiAliasing, renderDiffImage);
  }
}
