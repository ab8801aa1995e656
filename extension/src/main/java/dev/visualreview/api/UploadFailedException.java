package dev.visualreview.api;

/**
 * An artifact upload to object storage failed or was refused before sending. {@link #code()} holds
 * S3's error code (e.g. {@code AccessDenied}) when it sent one.
 */
class UploadFailedException extends VisualReviewApiException {
  private static final long serialVersionUID = 1L;

  public UploadFailedException(String message, int status, String code, String detail) {
    super(message, status, code, detail, "POST", "(presigned upload)");
  }

  public UploadFailedException(
      String message, int status, String code, String detail, Throwable cause) {
    super(message, status, code, detail, "POST", "(presigned upload)", cause);
  }

  public UploadFailedException(String message, Throwable cause) {
    super(message, 0, "", "", "POST", "(presigned upload)", cause);
  }

  /** Network failures and 5xx from object storage after the retries count as unreachable. */
  @Override
  public boolean serviceUnreachable() {
    return getCause() instanceof java.io.IOException
        || (getCause() instanceof UploadFailedException u && u.serviceUnreachable())
        || status() >= 500;
  }
}
