package dev.visualreview;

/** A test's snapshots differ from their baselines; the message lists each one and its images. */
public class VisualChangesError extends AssertionError {
  private static final long serialVersionUID = 1L;

  public VisualChangesError(String message) {
    super(message);
  }
}
