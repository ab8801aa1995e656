package dev.visualreview.api;

/** The server kept failing after every retry (HTTP 5xx), e.g. 502 "GitHub commit failed". */
class ServerErrorException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public ServerErrorException(
      String message, int status, String code, String detail, String method, String path) {
    super(message, status, code, detail, method, path);
  }

  @Override
  public boolean serviceUnreachable() {
    return true;
  }
}
