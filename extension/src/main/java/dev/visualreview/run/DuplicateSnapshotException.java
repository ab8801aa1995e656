package dev.visualreview.run;

/** Two captures in one run produced the same identifier. */
class DuplicateSnapshotException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DuplicateSnapshotException(String message) {
    super(message);
  }
}
