package dev.visualreview.api;

/** The server rejected the request as invalid (HTTP 400 or another 4xx without its own type). */
class RequestRejectedException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public RequestRejectedException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }
}
