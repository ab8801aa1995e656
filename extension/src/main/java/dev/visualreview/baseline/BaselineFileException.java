package dev.visualreview.baseline;

/**
 * A {@code snapshots.yml} that cannot be read: the message names the file, the line and the fix.
 */
class BaselineFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BaselineFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
