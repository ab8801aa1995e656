package dev.visualreview.run;

import dev.visualreview.api.VisualReviewApiException;
import dev.visualreview.run.config.OnUnreachable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Turns how a session ended into the build's fate. */
public final class Gate {
  private Gate() {}

  /**
   * Decides.
   *
   * @param ending how the session ended
   * @param onUnreachable the failure policy for a service that cannot be reached
   */
  public static GateDecision decide(SessionEnding ending, OnUnreachable onUnreachable) {
    if (!ending.failures().isEmpty()) {
      boolean unreachable = ending.failures().stream().allMatch(Gate::isUnreachable);
      return new GateDecision(!(unreachable && onUnreachable == OnUnreachable.WARN), unreachable);
    }
    RunOutcome outcome = ending.outcome();
    return new GateDecision(outcome != null && outcome.verdict() == Verdict.FAIL, false);
  }

  /** Network failures, timeouts and server errors count as unreachable; bad settings do not. */
  static boolean isUnreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof VisualReviewApiException api) {
        return api.serviceUnreachable();
      }
      if (c instanceof IOException
          || c instanceof HttpTimeoutException
          || c instanceof TimeoutException
          || c instanceof UncheckedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
