package dev.visualreview.api;

/** No response arrived: connection refused or reset, a timeout, or a proxy failure. */
public class ConnectionFailedException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public ConnectionFailedException(String message, String method, String path, Throwable cause) {
    super(message, 0, "", "", method, path, cause);
  }

  @Override
  public boolean serviceUnreachable() {
    return true;
  }
}
