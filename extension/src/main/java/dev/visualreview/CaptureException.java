package dev.visualreview;

/** A screenshot could not be taken; the message names the snapshot, the cause and the fix. */
public class CaptureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
