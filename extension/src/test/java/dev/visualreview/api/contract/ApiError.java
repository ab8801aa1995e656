package dev.visualreview.api.contract;

/** An error answer {@code {"detail": ..., "code": ...}} with a status. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;

  ApiError(int status, String detail) {
    this(status, detail, null);
  }

  ApiError(int status, String detail, String code) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}
