package dev.visualreview.report;

import dev.visualreview.run.GateDecision;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SessionEnding;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The messages that end a test or a suite: the failure of a test whose snapshots need review, and
 * what the end of the suite raises (when the build fails) or prints (otherwise).
 */
public final class FailureMessages {
  private FailureMessages() {}

  /**
   * The message for the end of the suite: empty when there is nothing to say.
   *
   * @param ending how the session ended
   * @param decision what the gate decided
   */
  public static String endOfSuite(SessionEnding ending, GateDecision decision) {
    if (!ending.failures().isEmpty()) {
      return couldNotFinish(ending.failures(), decision);
    }
    RunOutcome outcome = ending.outcome();
    if (outcome == null) {
      if (ending.runId() == null) {
        return "";
      }
      return "Visual review: added "
          + ending.snapshots()
          + " snapshot(s) in "
          + ending.shards()
          + " shard(s) to run "
          + ending.runId()
          + "; complete it with: java -jar visual-review.jar run complete --run-id "
          + ending.runId()
          + " --baseline <snapshots.yml>";
    }
    return outcome.verdict() == Verdict.PASS
        ? OutcomeText.summary(outcome)
        : verdictMessage(outcome);
  }

  /**
   * A failing or warning outcome: its headline (the counts, or what the run came to), then up to
   * {@value OutcomeText#LISTED} actionable snapshots with their tests, then the conclusion (naming
   * where to review), any problems, and the review URL when the conclusion does not name it.
   */
  static String verdictMessage(RunOutcome outcome) {
    boolean countsFirst = OutcomeText.listsChanges(outcome);
    // Surefire's "Results" list shows this message without the test name: say where it comes from.
    StringBuilder out = new StringBuilder("Visual review: ");
    out.append(
        countsFirst ? OutcomeText.countsLine(outcome.counts()) : OutcomeText.conclusion(outcome));
    List<SnapshotVerdict> actionable =
        outcome.snapshots().stream().filter(SnapshotVerdict::actionable).toList();
    int shown = Math.min(OutcomeText.LISTED, actionable.size());
    for (SnapshotVerdict v : actionable.subList(0, shown)) {
      out.append("\n  ").append(OutcomeText.snapshot(v, OutcomeText.Detail.SOURCE));
    }
    int more = Math.max(outcome.counts().unresolved(), actionable.size()) - shown;
    if (more > 0) {
      out.append("\n  ...and ").append(more).append(" more");
    }
    if (countsFirst) {
      out.append('\n').append(OutcomeText.conclusion(outcome));
    }
    for (String problem : outcome.problems()) {
      out.append('\n').append(problem);
    }
    String url = outcome.reviewUrl();
    if (url != null && !url.isBlank() && !out.toString().contains(url)) {
      out.append('\n').append(OutcomeText.reviewLabel(outcome)).append(url);
    }
    return out.toString();
  }

  private static String couldNotFinish(List<Throwable> failures, GateDecision decision) {
    StringBuilder out = new StringBuilder("Visual review could not finish: ");
    out.append(describe(failures.get(0)));
    if (failures.size() > 1) {
      out.append(" (and ").append(failures.size() - 1).append(" more failure(s))");
    }
    if (decision.unreachable() && decision.fail()) {
      out.append(
          "\nThe service could not be reached. Set visualreview.onUnreachable=warn to let the"
              + " build pass while it is down.");
    } else if (!decision.fail()) {
      out.append("\nThe build passes because visualreview.onUnreachable=warn.");
    }
    return out.toString();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  /**
   * The failure of a test whose snapshots need review, one block per snapshot with its images, or
   * empty when none does.
   *
   * @param source the test, e.g. {@code CheckoutTest.total()}
   * @param reportDir the folder the verdicts' image paths are relative to
   */
  public static Optional<String> testFailure(
      String source, List<SnapshotVerdict> verdicts, Path reportDir) {
    List<SnapshotVerdict> failing =
        verdicts.stream()
            .filter(v -> v.actionable() && v.result() != SnapshotResult.UNCHANGED)
            .toList();
    if (failing.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out =
        new StringBuilder()
            .append(failing.size())
            .append(failing.size() == 1 ? " snapshot needs" : " snapshots need")
            .append(" review in ")
            .append(source)
            .append(':');
    for (SnapshotVerdict v : failing) {
      out.append("\n  ").append(v.result().wire()).append(": ").append(v.identifier());
      StringBuilder detail = new StringBuilder();
      if (v.diffPercentage() != null) {
        detail.append(String.format(Locale.ROOT, "%.2f%% diff", v.diffPercentage()));
      }
      if (!v.changeKind().wire().isEmpty()) {
        detail.append(detail.length() > 0 ? ", " : "").append(v.changeKind().wire());
      }
      if (v.sizeMismatch()) {
        detail.append(detail.length() > 0 ? ", " : "").append("size changed");
      }
      if (detail.length() > 0) {
        out.append(" (").append(detail).append(')');
      }
      appendImage(out, "baseline", v.baselineImage(), reportDir);
      appendImage(out, "current ", v.currentImage(), reportDir);
      appendImage(out, "diff    ", v.diffImage(), reportDir);
      if (!v.note().isEmpty()) {
        out.append("\n      ").append(v.note());
      }
    }
    out.append("\nAccept intended changes with -Dvisualreview.update=changed (local mode).");
    return Optional.of(out.toString());
  }

  /** Remarks on snapshots that pass but deserve a look, e.g. a newly recorded baseline. */
  public static List<String> notices(List<SnapshotVerdict> verdicts) {
    return verdicts.stream()
        .filter(v -> !v.actionable() && v.result() != SnapshotResult.UNCHANGED)
        .filter(v -> !v.note().isEmpty())
        .map(v -> "Visual review: " + v.identifier() + ": " + v.note())
        .toList();
  }

  private static void appendImage(StringBuilder out, String label, String image, Path reportDir) {
    if (image != null && !image.isBlank()) {
      out.append("\n      ")
          .append(label)
          .append(": ")
          .append(reportDir.resolve(image).toAbsolutePath().normalize());
    }
  }
}
