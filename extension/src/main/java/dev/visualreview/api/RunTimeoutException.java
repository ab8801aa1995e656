package dev.visualreview.api;

/** A run did not reach {@code completed} or {@code failed} before the poll deadline. */
public class RunTimeoutException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public RunTimeoutException(String message, String path) {
    super(message, 0, "", "", "GET", path);
  }
}
