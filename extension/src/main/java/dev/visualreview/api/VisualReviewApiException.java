package dev.visualreview.api;

/**
 * Something went wrong talking to PostHog Visual Review. Every subclass carries the HTTP status (0
 * when there was no response), the server's error {@code code} and {@code detail} when it sent
 * them, and the request's method and path. None of them ever contains the API key.
 */
public class VisualReviewApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String detail;
  private final String method;
  private final String path;

  public VisualReviewApiException(
      String message, int status, String code, String detail, String method, String path) {
    this(message, status, code, detail, method, path, null);
  }

  public VisualReviewApiException(
      String message,
      int status,
      String code,
      String detail,
      String method,
      String path,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code == null ? "" : code;
    this.detail = detail == null ? "" : detail;
    this.method = method == null ? "" : method;
    this.path = path == null ? "" : path;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The server's machine-readable error code ({@code stale_run}, ...) or empty. */
  public String code() {
    return code;
  }

  /** The server's {@code detail} message, or empty. */
  public String detail() {
    return detail;
  }

  /** The request method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The request path, e.g. {@code /api/projects/2/visual_review/runs/}. */
  public String path() {
    return path;
  }

  /**
   * True when the service could not be reached or kept failing (network errors, 5xx and 429 after
   * the retries): the failure policy {@code warn} may skip the review. Configuration errors (401,
   * 403, 404, 400) are never "unreachable".
   */
  public boolean serviceUnreachable() {
    return false;
  }
}
