package dev.visualreview.run;

/**
 * The run was completed, but its verdict did not arrive before the suite's deadline: the service
 * answered and is still processing. The message names the run and where to look at it.
 */
class VerdictTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VerdictTimeoutException(String message) {
    super(message);
  }
}
