package dev.visualreview.run;

import java.util.Objects;

/**
 * Whether a run covers the whole suite or only part of it. Only a run of the whole suite reports
 * the baselines no test produced as removed (and, locally with {@code update=all}, deletes them); a
 * partial run leaves the baselines of tests that did not run alone, and PostHog gets {@code
 * is_partial: true}.
 *
 * @param partial whether only part of the suite runs
 * @param reason why, in words, for the console (empty for the whole suite)
 */
public record RunScope(boolean partial, String reason) {
  public RunScope {
    Objects.requireNonNull(reason, "reason");
  }

  /** The whole suite runs. */
  public static RunScope whole() {
    return new RunScope(false, "");
  }

  /** Only part of the suite runs, for the given reason. */
  public static RunScope partial(String reason) {
    return new RunScope(true, reason);
  }
}
