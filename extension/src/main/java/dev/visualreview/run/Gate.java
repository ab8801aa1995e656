package dev.visualreview.run;

import dev.visualreview.run.config.OnUnreachable;

/** Turns how a session ended into the build's fate. */
final class Gate {
  private Gate() {}

  /**
   * Decides.
   *
   * @param ending how the session ended
   * @param onUnreachable the failure policy for a service that cannot be reached
   */
  public static GateDecision decide(SessionEnding ending, OnUnreachable onUnreachable) {
    if (!ending.failures().isEmpty()) {
      boolean excusable = ending.failures().stream().allMatch(Failures::excusable);
      return new GateDecision(!(excusable && onUnreachable == OnUnreachable.WARN), excusable);
    }
    RunOutcome outcome = ending.outcome();
    return new GateDecision(
        outcome != null
            && (outcome.verdict() == Verdict.FAIL || outcome.verdict() == Verdict.ERROR),
        false);
  }
}
