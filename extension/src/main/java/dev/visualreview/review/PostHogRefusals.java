package dev.visualreview.review;

import dev.visualreview.api.VisualReviewApiException;
import java.util.function.Supplier;

/** PostHog's refusals of a review action, in words that say what to do next. */
final class PostHogRefusals {
  private PostHogRefusals() {}

  /**
   * @param runId the run acted on
   * @param newerRun the run that superseded it, asked only for a stale run (null when unknown)
   */
  static ReviewException explain(
      VisualReviewApiException e, String runId, Supplier<String> newerRun) {
    String detail = e.detail().isBlank() ? e.getMessage() : e.detail();
    switch (e.code()) {
      case "stale_run" -> {
        String newer = newerRun.get();
        return new ReviewException(
            ReviewException.Kind.CONFLICT,
            "PostHog refused: run "
                + runId
                + " is stale, a newer run exists for its branch"
                + (newer == null ? "" : " (" + newer + ")")
                + ". Review the newest run: review --run-id "
                + (newer == null ? "<newest run id>" : newer)
                + ".",
            e);
      }
      case "sha_mismatch" -> {
        return new ReviewException(
            ReviewException.Kind.CONFLICT,
            "PostHog refused: the pull request has commits newer than this run ("
                + detail
                + "). Rerun the visual tests on the pull request's head, then review that run.",
            e);
      }
      case "not_fully_resolved" -> {
        return new ReviewException(
            ReviewException.Kind.CONFLICT,
            "PostHog cannot finalize the run yet: "
                + detail
                + " Accept those snapshots too, or accept all.",
            e);
      }
      default -> {
        ReviewException.Kind kind =
            e.status() == 409
                ? ReviewException.Kind.CONFLICT
                : e.status() == 400 ? ReviewException.Kind.BAD_INPUT : ReviewException.Kind.FAILED;
        return new ReviewException(kind, "PostHog: " + e.getMessage(), e);
      }
    }
  }
}
