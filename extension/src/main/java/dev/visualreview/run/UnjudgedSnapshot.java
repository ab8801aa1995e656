package dev.visualreview.run;

/**
 * A snapshot the suite captured but no backend judged, because the review could not finish.
 *
 * @param identifier the snapshot identifier
 * @param source the test that captured it, or empty
 */
public record UnjudgedSnapshot(String identifier, String source) {
  public UnjudgedSnapshot {
    source = source == null ? "" : source;
  }
}
