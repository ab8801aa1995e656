package dev.visualreview.run;

/** Where a run ended up, as far as this suite knows. */
public enum RunStatus {
  /** Created or joined and still open (shard mode: {@code run complete} finishes it). */
  PENDING("pending"),
  /** Finished and judged. */
  COMPLETED("completed"),
  /** The server failed the run, e.g. an upload failed its integrity check. */
  FAILED("failed"),
  /** Not reviewed: the service could not be reached and the failure policy is {@code warn}. */
  SKIPPED("skipped");

  private final String wire;

  RunStatus(String wire) {
    this.wire = wire;
  }

  /** The value in {@code result.json}. */
  public String wire() {
    return wire;
  }

  /** The server's run status ({@code completed} or {@code failed}) as a status of this run. */
  public static RunStatus ofServer(String status) {
    return "failed".equals(status) ? FAILED : "completed".equals(status) ? COMPLETED : PENDING;
  }
}
