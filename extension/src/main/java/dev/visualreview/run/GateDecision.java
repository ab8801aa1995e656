package dev.visualreview.run;

/**
 * What the end of the suite does with the build.
 *
 * @param fail whether the build fails
 * @param message the text raised (when failing) or printed (otherwise); empty when nothing to say
 */
public record GateDecision(boolean fail, String message) {}
