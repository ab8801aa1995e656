package dev.visualreview.report;

import dev.visualreview.run.Conclusion;
import dev.visualreview.run.Failures;
import dev.visualreview.run.GateDecision;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SessionEnding;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The messages a suite prints or raises: the failure of a test whose snapshots need review, what
 * the end of the suite raises (when the build fails) or prints (otherwise), and notices.
 */
public final class SuiteMessages {
  private SuiteMessages() {}

  /**
   * The message for the end of the suite: empty when there is nothing to say.
   *
   * @param ending how the session ended
   * @param decision what the gate decided
   */
  public static String endOfSuite(SessionEnding ending, GateDecision decision) {
    return endOfSuite(ending, decision, null);
  }

  /**
   * The message for the end of the suite: empty when there is nothing to say.
   *
   * @param ending how the session ended
   * @param decision what the gate decided
   * @param report what the suite's report shows (it names the run of a review that could not
   *     finish), or null
   */
  public static String endOfSuite(SessionEnding ending, GateDecision decision, RunOutcome report) {
    if (!ending.failures().isEmpty()) {
      return ConsoleText.defuse(couldNotFinish(ending.failures(), decision, report));
    }
    RunOutcome outcome = ending.outcome();
    if (outcome == null) {
      if (ending.runId() == null) {
        return "";
      }
      return "Visual review: "
          + lowerFirst(OutcomeText.shardAdded(ending.snapshots(), ending.shards(), ending.runId()));
    }
    return ConsoleText.defuse(
        outcome.verdict() == Verdict.PASS ? OutcomeText.summary(outcome) : verdictMessage(outcome));
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

  private static String couldNotFinish(
      List<Throwable> failures, GateDecision decision, RunOutcome report) {
    StringBuilder out =
        new StringBuilder(
            OutcomeText.couldNotFinish(failures.stream().map(Failures::describe).toList()));
    String url = report == null ? null : report.reviewUrl();
    if (report != null && report.mode() == Mode.POSTHOG && report.runId() != null) {
      out.append("\nRun ").append(report.runId());
      if (url != null && !url.isBlank() && !out.toString().contains(url)) {
        out.append(": ").append(url);
      }
    }
    if (!decision.fail()) {
      out.append("\nThe build passes because visualreview.onUnreachable=warn.");
    } else if (decision.excusable()) {
      boolean late =
          failures.stream().anyMatch(f -> Failures.kind(f) == Failures.Kind.NO_VERDICT_IN_TIME);
      out.append(
          late
              ? "\nThe service did not deliver a verdict in time. Set"
                  + " visualreview.onUnreachable=warn to let the build pass when it cannot be"
                  + " reached or is this slow."
              : "\nThe service could not be reached. Set visualreview.onUnreachable=warn to let"
                  + " the build pass while it is down.");
    }
    return out.toString();
  }

  /**
   * The verdict in a few words, for the line the Platform listener prints after all test output:
   * {@code PASS}, {@code WARN}, {@code FAIL}, {@code ERROR}, or in shard mode what was added.
   */
  public static String headline(RunOutcome outcome) {
    if (outcome.conclusion() instanceof Conclusion.ShardAdded s) {
      return "added "
          + s.snapshots()
          + " snapshot(s) to run "
          + outcome.runId()
          + " (shard mode: `run complete` gives the verdict)";
    }
    return OutcomeText.verdictWord(outcome);
  }

  /** {@code text} on one line: line breaks become spaces. */
  public static String oneLine(String text) {
    return OutcomeText.oneLine(text == null ? "" : text);
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
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
            .append(ConsoleText.inline(source))
            .append(':');
    for (SnapshotVerdict v : failing) {
      out.append("\n  ")
          .append(v.result().wire())
          .append(": ")
          .append(ConsoleText.inline(v.identifier()));
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
        out.append("\n      ").append(ConsoleText.inline(v.note()));
      }
    }
    out.append("\nAccept intended changes with -Dvisualreview.update=changed (local mode).");
    return Optional.of(ConsoleText.defuse(out.toString()));
  }

  /**
   * The notice of a re-run of failed tests in a JVM that already completed a suite.
   *
   * @param earlier what the JVM completed, e.g. {@code run 1234}
   * @param mode how this suite judges
   * @param reportDir where the re-run's report goes
   */
  public static String rerunNotice(String earlier, Mode mode, Path reportDir) {
    return "Visual review: this JVM already completed "
        + ConsoleText.inline(earlier)
        + "; this is a re-run of failed tests (e.g. Surefire rerunFailingTestsCount), so"
        + (mode == Mode.LOCAL
            ? " it is judged locally with its report in " + reportDir
            : " its snapshots are not sent and that run's verdict stands");
  }

  /** The notice of a run of part of the suite, naming what was left out. */
  public static String partialRunNotice(String reason) {
    return "Visual review: partial run: "
        + ConsoleText.inline(reason)
        + ". Baselines of tests that did not run are neither reported as removed nor deleted.";
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
