package dev.visualreview.api;

/**
 * A 2xx response whose body is not the JSON the protocol describes (a proxy's HTML page, truncated
 * JSON).
 */
class MalformedResponseException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }
}
