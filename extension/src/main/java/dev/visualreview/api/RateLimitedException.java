package dev.visualreview.api;

/** The server (or GitHub behind it) kept rate-limiting us after every retry (HTTP 429). */
class RateLimitedException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public RateLimitedException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }

  @Override
  public boolean serviceUnreachable() {
    return true;
  }
}
