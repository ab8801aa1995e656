package dev.visualreview.api;

/** The configured host would send the API key where it must not go (plain http, not loopback). */
class InsecureHostException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public InsecureHostException(String message) {
    super(message, 0, "", "", "", "");
  }
}
