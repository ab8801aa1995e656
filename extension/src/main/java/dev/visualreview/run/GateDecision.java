package dev.visualreview.run;

/**
 * What the end of the suite does with the build. The report formatter words it.
 *
 * @param fail whether the build fails
 * @param unreachable whether the session failed only because the service could not be reached
 */
public record GateDecision(boolean fail, boolean unreachable) {}
