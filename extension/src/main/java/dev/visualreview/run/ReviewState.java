package dev.visualreview.run;

/** Where a snapshot stands in review, as the PostHog server names it (visual-review-api.md 7.3). */
public enum ReviewState {
  /** Nothing to review (unchanged snapshots). Wire value {@code ""}. */
  NONE(""),
  /** Waiting for a person. */
  PENDING("pending"),
  /** Approved: on PostHog, or a baseline the local backend recorded or updated on request. */
  APPROVED("approved"),
  /** Tolerated: a known harmless variant. */
  TOLERATED("tolerated"),
  /** Rejected by a reviewer. */
  REJECTED("rejected");

  private final String wire;

  ReviewState(String wire) {
    this.wire = wire;
  }

  /** The wire value: {@code ""}, {@code pending}, {@code approved}, ... */
  public String wire() {
    return wire;
  }

  /** Approved or tolerated: nobody has to look at it any more. */
  public boolean resolved() {
    return this == APPROVED || this == TOLERATED;
  }

  /**
   * Parses a wire value. Null is {@link #NONE}; a value this library does not know counts as {@link
   * #PENDING}, so an unfamiliar state never passes a build it should fail.
   */
  public static ReviewState fromWire(String value) {
    if (value == null) {
      return NONE;
    }
    for (ReviewState s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    return PENDING;
  }
}
