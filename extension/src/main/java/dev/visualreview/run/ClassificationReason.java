package dev.visualreview.run;

/** Why an unchanged snapshot counts as unchanged, as the PostHog server names it. */
public enum ClassificationReason {
  /** No reason given (changed, new and removed snapshots). Wire value {@code ""}. */
  NONE(""),
  /** The pixels are identical. */
  EXACT("exact"),
  /** The pixels differ by less than the diff threshold. */
  BELOW_THRESHOLD("below_threshold"),
  /** The hash is a known, tolerated variant of the baseline. */
  TOLERATED_HASH("tolerated_hash");

  private final String wire;

  ClassificationReason(String wire) {
    this.wire = wire;
  }

  /**
   * The wire value: {@code ""}, {@code exact}, {@code below_threshold} or {@code tolerated_hash}.
   */
  public String wire() {
    return wire;
  }

  /** Parses a wire value; null and values this library does not know are {@link #NONE}. */
  public static ClassificationReason fromWire(String value) {
    for (ClassificationReason r : values()) {
      if (r.wire.equals(value)) {
        return r;
      }
    }
    return NONE;
  }
}
