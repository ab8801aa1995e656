package dev.visualreview.image.diff;

import dev.visualreview.image.RgbaImage;

/**
 * The outcome of comparing a baseline with a current image, with the server's field meanings
 * (api.md sections 3.4 and 8).
 *
 * @param changed true when the server would classify the pair as {@code changed}
 * @param reason for unchanged pairs: {@code "exact"} (same pixels) or {@code "below_threshold"};
 *     {@code ""} for changed pairs
 * @param changeKind for changed pairs: {@code "pixel"}, {@code "structural"} or {@code "layout"};
 *     {@code ""} for unchanged pairs
 * @param diffPercentage differing pixels over width x height, in percent, rounded to 4 decimals
 *     (after row alignment: the residual plus the inserted/deleted band, as the server stores it)
 * @param diffPixelCount the differing pixels behind {@code diffPercentage}
 * @param ssim structural similarity in {@code [0, 1]} over the rows present in both images
 * @param sizeMismatch the images had different dimensions and were padded to the larger one
 * @param rowShift rows inserted or deleted by row alignment (the larger of the two); 0 when none
 * @param width padded width both images were compared at
 * @param height padded height both images were compared at
 * @param diffImage a picture of the changes, or null unless {@link DiffOptions#renderDiffImage()}
 */
public record DiffResult(
    boolean changed,
    String reason,
    String changeKind,
    double diffPercentage,
    long diffPixelCount,
    double ssim,
    boolean sizeMismatch,
    int rowShift,
    int width,
    int height,
    RgbaImage diffImage) {

  /** The {@code result} value the server would report: {@code changed} or {@code unchanged}. */
  public String result() {
    return changed ? "changed" : "unchanged";
  }
}
