package dev.visualreview.api;

/**
 * The server refused because the run changed under us (HTTP 409): `stale_run` (a newer run exists)
 * or `sha_mismatch` (the PR has newer commits).
 */
class ConflictException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public ConflictException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }
}
