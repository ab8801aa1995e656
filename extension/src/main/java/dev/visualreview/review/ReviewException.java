package dev.visualreview.review;

/**
 * A review request that could not be carried out, with a message that says why and what to do. The
 * kind tells the page's server which HTTP status to answer; the command line exits 2 for all.
 */
public final class ReviewException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Kind {
    /** The request names something unknown or not reviewable (HTTP 400). */
    BAD_INPUT(400),
    /** The baselines or the run changed since the report was written (HTTP 409). */
    CONFLICT(409),
    /** PostHog or the file system failed (HTTP 502). */
    FAILED(502);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The HTTP status the review server answers with. */
    public int status() {
      return status;
    }
  }

  private final Kind kind;

  public ReviewException(Kind kind, String message) {
    this(kind, message, null);
  }

  public ReviewException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static ReviewException badInput(String message) {
    return new ReviewException(Kind.BAD_INPUT, message);
  }

  public static ReviewException conflict(String message) {
    return new ReviewException(Kind.CONFLICT, message);
  }
}
