package dev.visualreview.api.contract;

/** A 400 in PostHog's validation shape: {@code {type, code, detail, attr}}. */
final class ValidationError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String code;
  final String attr;

  ValidationError(String code, String detail, String attr) {
    super(detail);
    this.code = code;
    this.attr = attr;
  }

  static ValidationError required(String attr) {
    return new ValidationError("required", "This field is required.", attr);
  }

  static ValidationError invalid(String attr, String detail) {
    return new ValidationError("invalid", detail, attr);
  }
}
