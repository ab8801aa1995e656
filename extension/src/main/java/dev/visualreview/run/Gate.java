package dev.visualreview.run;

import dev.visualreview.run.config.OnUnreachable;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Turns how a session ended into the build's fate and the message a person reads. */
public final class Gate {
  /** At most this many snapshots are listed in a message, as the PostHog CLI does. */
  public static final int LISTED = 25;

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
      boolean fail = !(unreachable && onUnreachable == OnUnreachable.WARN);
      return new GateDecision(fail, failureMessage(ending.failures(), unreachable, fail));
    }
    RunOutcome outcome = ending.outcome();
    if (outcome == null) {
      if (ending.runId() == null) {
        return new GateDecision(false, "");
      }
      return new GateDecision(
          false,
          "Visual review: added "
              + ending.snapshots()
              + " snapshot(s) in "
              + ending.shards()
              + " shard(s) to run "
              + ending.runId()
              + "; complete it with: java -jar visual-review.jar run complete --run-id "
              + ending.runId()
              + " --baseline <snapshots.yml>");
    }
    return switch (outcome.verdict()) {
      case PASS -> new GateDecision(false, outcome.summary());
      case WARN -> new GateDecision(false, verdictMessage(outcome));
      case FAIL -> new GateDecision(true, verdictMessage(outcome));
    };
  }

  /**
   * The outcome's headline (its counts, or why the run failed), then up to {@value #LISTED}
   * actionable snapshots, then the rest of the summary (the conclusion, naming where to review) and
   * the review URL when the summary does not name it already. The summary's own listing (lines
   * indented by {@link OutcomeRules#listing}) is left out: this listing replaces it, so each
   * snapshot appears once.
   */
  static String verdictMessage(RunOutcome outcome) {
    List<String> lines =
        outcome.summary() == null || outcome.summary().isBlank()
            ? List.of()
            : outcome.summary().strip().lines().toList();
    String headline =
        lines.isEmpty()
            ? "failed".equals(outcome.status())
                ? "Run failed: " + outcome.errorMessage()
                : "Visual changes detected"
            : lines.get(0);
    // Surefire's "Results" list shows this message without the test name: say where it comes from.
    StringBuilder out = new StringBuilder("Visual review: ").append(headline);
    List<SnapshotVerdict> actionable =
        outcome.snapshots().stream().filter(SnapshotVerdict::actionable).toList();
    int shown = Math.min(LISTED, actionable.size());
    for (SnapshotVerdict v : actionable.subList(0, shown)) {
      out.append("\n  ").append(v.result().wire()).append(": ").append(v.identifier());
      if (v.diffPercentage() != null) {
        out.append(String.format(Locale.ROOT, " (%.2f%% diff)", v.diffPercentage()));
      }
      if (!v.source().isEmpty()) {
        out.append(" in ").append(v.source());
      }
    }
    int unresolved = outcome.counts() == null ? 0 : outcome.counts().unresolved();
    int more = Math.max(unresolved, actionable.size()) - shown;
    if (more > 0) {
      out.append("\n  ...and ").append(more).append(" more");
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (!line.startsWith("  ")) {
        out.append('\n').append(line);
      }
    }
    String url = outcome.reviewUrl();
    if (url != null && !url.isBlank() && !out.toString().contains(url)) {
      out.append("\n").append("local".equals(outcome.mode()) ? "Report: " : "Review at: ");
      out.append(url);
    }
    return out.toString();
  }

  private static String failureMessage(
      List<Throwable> failures, boolean unreachable, boolean fail) {
    StringBuilder out = new StringBuilder("Visual review could not finish: ");
    out.append(describe(failures.get(0)));
    if (failures.size() > 1) {
      out.append(" (and ").append(failures.size() - 1).append(" more failure(s))");
    }
    if (unreachable && fail) {
      out.append(
          "\nThe service could not be reached. Set visualreview.onUnreachable=warn to let the"
              + " build pass while it is down.");
    } else if (!fail) {
      out.append("\nThe build passes because visualreview.onUnreachable=warn.");
    }
    return out.toString();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  /** Network failures, timeouts and server errors count as unreachable; bad settings do not. */
  static boolean isUnreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof dev.visualreview.api.VisualReviewApiException api) {
        return api.serviceUnreachable();
      }
      if (c instanceof IOException
          || c instanceof HttpTimeoutException
          || c instanceof TimeoutException
          || c instanceof java.io.UncheckedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
