package dev.visualreview.run.config;

/** What the suite does when the review service cannot be reached or fails. */
public enum OnUnreachable {
  /** Fail the build: the visual review did not happen. */
  FAIL,
  /** Print a warning and let the build pass. */
  WARN
}
