package dev.visualreview.run;

import java.util.Locale;

/** The classification of one snapshot, as the PostHog server names it. */
public enum SnapshotResult {
  UNCHANGED,
  CHANGED,
  NEW,
  REMOVED;

  /** The wire value: {@code unchanged}, {@code changed}, {@code new} or {@code removed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value; unknown values are rejected with the accepted ones named. */
  public static SnapshotResult fromWire(String value) {
    for (SnapshotResult r : values()) {
      if (r.wire().equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown snapshot result '" + value + "': expected unchanged, changed, new or removed");
  }
}
