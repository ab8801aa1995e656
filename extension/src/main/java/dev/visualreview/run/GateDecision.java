package dev.visualreview.run;

/**
 * What the end of the suite does with the build. The report formatter words it.
 *
 * @param fail whether the build fails
 * @param excusable whether every failure of the session is one {@code
 *     visualreview.onUnreachable=warn} may excuse: the service could not be reached, or did not
 *     deliver a verdict in time
 */
public record GateDecision(boolean fail, boolean excusable) {}
