package dev.visualreview.report;

import dev.visualreview.run.Conclusion;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.config.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of an outcome: the counts line, one line per snapshot, the conclusion and the PostHog
 * CLI's summary. The console summary, the build failure, the HTML report, {@code result.json}, the
 * GitHub step summary and annotations, and the command line all take their text from here, so a
 * sentence is written once and never parsed back.
 */
public final class OutcomeText {
  /** At most this many snapshots are listed in a message, as the PostHog CLI does. */
  public static final int LISTED = 25;

  private OutcomeText() {}

  /** How much one snapshot's line says. */
  enum Detail {
    /** {@code changed: id (3.21% diff)}: the PostHog CLI's listing. */
    DIFF,
    /** {@code changed: id (3.21% diff) in CheckoutTest.total()}: the build failure. */
    SOURCE,
    /** {@code changed: id (3.21% diff, pixel, approved) — note}: the console summary. */
    FULL
  }

  /** "N snapshots — U unchanged, C changed, A new, R removed". */
  public static String countsLine(RunCounts c) {
    return c.total()
        + " snapshots — "
        + c.unchanged()
        + " unchanged, "
        + c.changed()
        + " changed, "
        + c.added()
        + " new, "
        + c.removed()
        + " removed";
  }

  /** What the run came to, in one sentence (the review URL included where the run has one). */
  public static String conclusion(RunOutcome o) {
    return conclusion(o, true);
  }

  /**
   * The conclusion, without the review URL when {@code withReviewUrl} is false (the console names
   * the local report on a line of its own).
   */
  static String conclusion(RunOutcome o, boolean withReviewUrl) {
    Conclusion c = o.conclusion();
    if (c instanceof Conclusion.RunFailed) {
      return "Run failed: "
          + (o.errorMessage() == null || o.errorMessage().isBlank()
              ? "(no error message)"
              : o.errorMessage());
    }
    if (c instanceof Conclusion.ChangesToReview) {
      return "Visual changes detected" + (withReviewUrl ? reviewAt(o) : "");
    }
    if (c instanceof Conclusion.Drift) {
      String warning = driftWarning(o.branch(), o.reviewUrl());
      return withReviewUrl ? warning : warning.substring(0, warning.lastIndexOf(" Review at: "));
    }
    if (c instanceof Conclusion.AutoApproved a) {
      return "Auto-approved "
          + a.changes()
          + " change(s) in run "
          + o.runId()
          + "; baseline written to "
          + a.baselineFile()
          + " ("
          + a.bytes()
          + " bytes): commit it to update the baseline";
    }
    if (c instanceof Conclusion.ShardAdded s) {
      return "Added "
          + s.snapshots()
          + " snapshot(s) in "
          + s.shards()
          + " shard(s) to run "
          + o.runId()
          + "; completion is left to `java -jar visual-review.jar run complete --run-id "
          + o.runId()
          + "`";
    }
    if (c instanceof Conclusion.NotReviewed n) {
      return "PostHog Visual Review could not be reached, so this suite's screenshots were not"
          + " reviewed (failure policy 'warn'): "
          + n.reason();
    }
    return "No visual changes";
  }

  /** " — review at: URL", or nothing when the run has no review URL. */
  private static String reviewAt(RunOutcome o) {
    return o.reviewUrl() == null || o.reviewUrl().isBlank() ? "" : " — review at: " + o.reviewUrl();
  }

  /** The observe-run warning, word for word as the PostHog CLI prints it (without prefix). */
  public static String driftWarning(String branch, String reviewUrl) {
    return "Unapproved snapshot drift on "
        + branch
        + ": approve the new baseline, or quarantine the"
        + " identifier if it flips between runs, before it fails an unrelated PR. Review at: "
        + reviewUrl;
  }

  /**
   * Whether the conclusion is about changes a person should look at, so messages put the counts and
   * the listing before it.
   */
  static boolean listsChanges(RunOutcome o) {
    return o.conclusion() instanceof Conclusion.ChangesToReview
        || o.conclusion() instanceof Conclusion.Drift;
  }

  /**
   * The PostHog CLI's message for a run: the counts and up to {@value #LISTED} changes before a
   * conclusion about changes, then the conclusion, then any problems, one per line.
   */
  public static String summary(RunOutcome o) {
    StringBuilder b = new StringBuilder();
    if (listsChanges(o)) {
      b.append(countsLine(o.counts())).append('\n');
      for (String line : listing(o.snapshots(), o.counts().changes())) {
        b.append(line).append('\n');
      }
    }
    b.append(conclusion(o));
    for (String problem : o.problems()) {
      b.append('\n').append(problem);
    }
    return b.toString();
  }

  /**
   * Up to {@value #LISTED} lines " &lt;result&gt;: &lt;identifier&gt; (&lt;diff&gt;% diff)" for the
   * changes among {@code snapshots}, then " ...and K more" when there are more, counting {@code
   * totalChanges} when the list is incomplete.
   */
  static List<String> listing(List<SnapshotVerdict> snapshots, int totalChanges) {
    List<SnapshotVerdict> changes = snapshots.stream().filter(SnapshotVerdict::isChange).toList();
    List<String> lines = new ArrayList<>();
    int shown = Math.min(LISTED, changes.size());
    for (SnapshotVerdict v : changes.subList(0, shown)) {
      lines.add("  " + snapshot(v, Detail.DIFF));
    }
    int more = Math.max(changes.size(), totalChanges) - shown;
    if (more > 0) {
      lines.add("  ...and " + more + " more");
    }
    return lines;
  }

  /** One snapshot: {@code changed: id (...)} with as much detail as asked for. */
  static String snapshot(SnapshotVerdict v, Detail detail) {
    StringBuilder b = new StringBuilder();
    b.append(v.result().wire()).append(": ").append(v.identifier());
    List<String> details = new ArrayList<>();
    if (v.diffPercentage() != null) {
      details.add(String.format(Locale.ROOT, "%.2f%% diff", v.diffPercentage()));
    }
    if (detail == Detail.FULL) {
      if (!v.changeKind().wire().isEmpty()) {
        details.add(v.changeKind().wire());
      }
      switch (v.reviewState()) {
        case NONE, PENDING -> {}
        default -> details.add(v.reviewState().wire());
      }
    }
    if (!details.isEmpty()) {
      b.append(" (").append(String.join(", ", details)).append(')');
    }
    if (detail == Detail.SOURCE && !v.source().isEmpty()) {
      b.append(" in ").append(v.source());
    }
    if (detail == Detail.FULL && !v.note().isBlank()) {
      b.append(" — ").append(oneLine(v.note()));
    }
    return b.toString();
  }

  /** "Report: " for a local report path, "Review at: " for a PostHog page. */
  static String reviewLabel(RunOutcome o) {
    return o.mode() == Mode.LOCAL ? "Report: " : "Review at: ";
  }

  /** The verdict as a word: {@code PASS}, {@code WARN} or {@code FAIL}. */
  static String verdictWord(RunOutcome o) {
    return o.verdict().name();
  }

  /** The mode as a word: {@code local} or {@code posthog}. */
  static String modeWord(RunOutcome o) {
    return o.mode().name().toLowerCase(Locale.ROOT);
  }

  static String oneLine(String s) {
    return s.replace("\r", " ").replace("\n", " ").strip();
  }
}
