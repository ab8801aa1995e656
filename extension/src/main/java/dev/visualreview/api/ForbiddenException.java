package dev.visualreview.api;

/**
 * The API key lacks a permission (HTTP 403): normally the `visual_review:write` scope or access to
 * the project.
 */
class ForbiddenException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }
}
