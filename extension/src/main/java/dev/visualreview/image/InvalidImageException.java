package dev.visualreview.image;

/**
 * An image that cannot be used: not a PNG, corrupt, truncated, or over the size limits. The message
 * names the problem and, where there is one, the fix.
 */
public class InvalidImageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
