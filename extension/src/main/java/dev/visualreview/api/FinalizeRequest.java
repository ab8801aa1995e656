package dev.visualreview.api;

/**
 * Body of {@code POST runs/{id}/finalize/}.
 *
 * @param approveAll approve every pending change first
 * @param commitToGithub let the server commit the baseline (false: it returns the YAML instead)
 * @param addImagesToCommentOnPr only affects the PR comment
 */
public record FinalizeRequest(
    boolean approveAll, boolean commitToGithub, boolean addImagesToCommentOnPr) {

  /** What {@code --auto-approve} sends: approve all, do not commit, return the YAML. */
  public static FinalizeRequest autoApprove() {
    return new FinalizeRequest(true, false, false);
  }
}
