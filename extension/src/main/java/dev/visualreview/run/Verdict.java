package dev.visualreview.run;

/** The suite-level decision that gates the build. */
public enum Verdict {
  /** No visual changes (or all resolved): the build passes. */
  PASS,
  /**
   * Changes that do not block, e.g. observe drift with tolerate-drift: the build passes, loudly.
   */
  WARN,
  /** Changes that need review, or a failed run: the build fails. */
  FAIL,
  /**
   * The review could not finish (the service, the disk or the settings failed it): the build fails,
   * unless {@code visualreview.onUnreachable=warn} covers the reason.
   */
  ERROR
}
