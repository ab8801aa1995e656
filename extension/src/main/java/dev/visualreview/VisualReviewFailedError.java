package dev.visualreview;

/**
 * The suite's visual review needs attention: changes to review, a failed run, or a service that
 * could not be reached. Raised when the engine ends, so the build fails.
 */
public class VisualReviewFailedError extends AssertionError {
  private static final long serialVersionUID = 1L;

  public VisualReviewFailedError(String message) {
    super(message);
  }
}
