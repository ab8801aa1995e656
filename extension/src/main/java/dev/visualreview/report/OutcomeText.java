package dev.visualreview.report;

import dev.visualreview.run.Conclusion;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
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

  /** At most this many failures are listed when a review could not finish. */
  static final int FAILURES_LISTED = 5;

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
      return toReview(o) + (withReviewUrl ? reviewAt(o) : "");
    }
    if (c instanceof Conclusion.Drift) {
      String warning = driftWarning(ConsoleText.inline(o.branch()), o.reviewUrl());
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
      return shardAdded(s.snapshots(), s.shards(), o.runId());
    }
    if (c instanceof Conclusion.CouldNotFinish f) {
      return couldNotFinish(f.reasons())
          + (f.excused() ? " (the build passes because visualreview.onUnreachable=warn)" : "");
    }
    if (c instanceof Conclusion.NotReviewed n) {
      return "PostHog Visual Review could not be reached, so this suite's screenshots were not"
          + " reviewed (failure policy 'warn'): "
          + n.reason();
    }
    List<String> resolved = resolved(o);
    return resolved.isEmpty() ? "No visual changes" : String.join("; ", resolved);
  }

  /**
   * What needs review, then what was resolved: "Visual changes detected: 1 changed and 2 new
   * snapshots need review; 3 baselines no longer used: ...".
   */
  private static String toReview(RunOutcome o) {
    List<String> parts = new ArrayList<>();
    int changed = count(o, SnapshotResult.CHANGED, true);
    int added = count(o, SnapshotResult.NEW, true);
    int removed = count(o, SnapshotResult.REMOVED, true);
    if (changed + added > 0) {
      List<String> kinds = new ArrayList<>();
      if (changed > 0) {
        kinds.add(changed + " changed");
      }
      if (added > 0) {
        kinds.add(added + " new");
      }
      parts.add(
          "Visual changes detected: "
              + String.join(" and ", kinds)
              + (changed + added == 1 ? " snapshot needs" : " snapshots need")
              + " review");
    }
    if (removed > 0) {
      parts.add(
          o.mode() == Mode.LOCAL
              ? plural(removed, "baseline")
                  + " no longer used: delete "
                  + (removed == 1 ? "it" : "them")
                  + ", or prune with -Dvisualreview.update=all"
              : plural(removed, "snapshot")
                  + " no longer produced: approve "
                  + (removed == 1 ? "its removal" : "their removal")
                  + " on PostHog");
    }
    long renamed =
        o.snapshots().stream().filter(v -> v.isChange() && v.renamedFrom() != null).count();
    if (renamed > 0) {
      parts.add(
          renamed == 1
              ? "1 new snapshot looks like a renamed one (same pixels as a removed snapshot)"
              : renamed + " new snapshots look like renamed ones (same pixels as removed ones)");
    }
    if (parts.isEmpty()) {
      int unresolved = o.counts().unresolved();
      parts.add(
          "Visual changes detected: "
              + plural(unresolved, "snapshot")
              + (unresolved == 1 ? " needs" : " need")
              + " review");
    }
    parts.addAll(resolved(o));
    return String.join("; ", parts);
  }

  /** Changes resolved in this run: baselines recorded, updated or deleted (or approved). */
  private static List<String> resolved(RunOutcome o) {
    int recorded = count(o, SnapshotResult.NEW, false);
    int accepted = count(o, SnapshotResult.CHANGED, false);
    int pruned = count(o, SnapshotResult.REMOVED, false);
    List<String> parts = new ArrayList<>();
    boolean local = o.mode() == Mode.LOCAL;
    if (recorded > 0) {
      parts.add(
          local
              ? plural(recorded, "new baseline")
                  + " recorded: review and commit "
                  + (recorded == 1 ? "it" : "them")
              : plural(recorded, "new snapshot") + " approved");
    }
    if (accepted > 0) {
      parts.add(
          local
              ? plural(accepted, "change")
                  + " accepted, "
                  + (accepted == 1 ? "baseline" : "baselines")
                  + " updated: review and commit "
                  + (accepted == 1 ? "it" : "them")
              : plural(accepted, "change") + " approved");
    }
    if (pruned > 0) {
      parts.add(
          local
              ? plural(pruned, "unused baseline") + " deleted"
              : plural(pruned, "removal") + " approved");
    }
    return parts;
  }

  /** Changes of one result that need review ({@code pending}) or were resolved. */
  private static int count(RunOutcome o, SnapshotResult result, boolean pending) {
    return (int)
        o.snapshots().stream()
            .filter(v -> v.result() == result && v.isChange() && v.actionable() == pending)
            .count();
  }

  /** "1 baseline", "2 baselines". */
  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** " — review at: URL", or nothing when the run has no review URL. */
  private static String reviewAt(RunOutcome o) {
    return o.reviewUrl() == null || o.reviewUrl().isBlank() ? "" : " — review at: " + o.reviewUrl();
  }

  /** Shard mode: what this suite added to the joined run, and how the run is completed. */
  static String shardAdded(int snapshots, int shards, String runId) {
    return "Added "
        + snapshots
        + " snapshot(s) in "
        + shards
        + " shard(s) to run "
        + runId
        + "; complete it with: java -jar visual-review.jar run complete --run-id "
        + runId
        + " --baseline <snapshots.yml>";
  }

  /**
   * "Visual review could not finish: " and what went wrong: each failure on its own line, at most
   * {@value #FAILURES_LISTED}, then how many more.
   */
  static String couldNotFinish(List<String> reasons) {
    StringBuilder b = new StringBuilder("Visual review could not finish: ").append(reasons.get(0));
    int listed = Math.min(FAILURES_LISTED, reasons.size());
    for (String reason : reasons.subList(1, listed)) {
      b.append("\n  also: ").append(reason);
    }
    if (reasons.size() > listed) {
      b.append("\n  ...and ").append(reasons.size() - listed).append(" more failure(s)");
    }
    return b.toString();
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
    b.append(v.result().wire()).append(": ").append(ConsoleText.inline(v.identifier()));
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
      b.append(" in ").append(ConsoleText.inline(v.source()));
    }
    if (detail == Detail.SOURCE && v.renamedFrom() != null) {
      b.append(" — looks like a rename of ").append(ConsoleText.inline(v.renamedFrom()));
    }
    if (detail == Detail.FULL && !v.note().isBlank()) {
      b.append(" — ").append(ConsoleText.inline(oneLine(v.note())));
    }
    return b.toString();
  }

  /** "Report: " for a local report path, "Review at: " for a PostHog page. */
  static String reviewLabel(RunOutcome o) {
    return o.mode() == Mode.LOCAL ? "Report: " : "Review at: ";
  }

  /** The verdict as a word: {@code PASS}, {@code WARN}, {@code FAIL} or {@code ERROR}. */
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
