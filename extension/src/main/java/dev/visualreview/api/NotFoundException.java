package dev.visualreview.api;

/** The project, repo or run does not exist, or the key cannot see it (HTTP 404). */
class NotFoundException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  private final String resource;

  public NotFoundException(
      String message,
      String resource,
      int status,
      String code,
      String detail,
      String method,
      String path) {
    super(message, status, code, detail, method, path);
    this.resource = resource;
  }

  /** What was not found: {@code project}, {@code repo} or {@code run}. */
  public String resource() {
    return resource;
  }
}
