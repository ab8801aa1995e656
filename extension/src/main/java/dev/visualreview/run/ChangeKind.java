package dev.visualreview.run;

/** What kind of change a diff found, as the PostHog server names it. */
public enum ChangeKind {
  /** Not a change, or not diffed (yet). Wire value {@code ""}. */
  NONE(""),
  /** Pixels differ in place. */
  PIXEL("pixel"),
  /** Thin structural differences, e.g. a new rule or border. */
  STRUCTURAL("structural"),
  /** Content moved, e.g. pushed down by a taller element. */
  LAYOUT("layout");

  private final String wire;

  ChangeKind(String wire) {
    this.wire = wire;
  }

  /** The wire value: {@code ""}, {@code pixel}, {@code structural} or {@code layout}. */
  public String wire() {
    return wire;
  }

  /** Parses a wire value; null and values this library does not know are {@link #NONE}. */
  public static ChangeKind fromWire(String value) {
    for (ChangeKind k : values()) {
      if (k.wire.equals(value)) {
        return k;
      }
    }
    return NONE;
  }
}
