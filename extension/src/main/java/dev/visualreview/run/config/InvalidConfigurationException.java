package dev.visualreview.run.config;

/** A setting with a value the library cannot use; the message names key, value and the fix. */
public class InvalidConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigurationException(String message) {
    super(message);
  }
}
