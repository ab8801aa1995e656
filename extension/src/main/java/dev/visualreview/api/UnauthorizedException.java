package dev.visualreview.api;

/** The API key was rejected (HTTP 401). */
class UnauthorizedException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }
}
