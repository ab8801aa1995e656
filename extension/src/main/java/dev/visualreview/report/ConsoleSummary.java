package dev.visualreview.report;

import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The few lines printed at the end of a suite: counts, the snapshots that need a look (at most
 * {@value #MAX_LISTED}), the verdict and where the report is.
 */
public final class ConsoleSummary {
  /**
   * How many changes (changed, new, removed) are listed before "...and K more", as the PostHog CLI
   * does.
   */
  public static final int MAX_LISTED = 25;

  private ConsoleSummary() {}

  /**
   * Renders the summary.
   *
   * @param reportIndex the written {@code index.html}, or null when no report was written
   */
  public static String render(RunOutcome outcome, Path reportIndex) {
    StringBuilder b = new StringBuilder();
    RunCounts c = outcome.counts() == null ? new RunCounts(0, 0, 0, 0, 0, 0) : outcome.counts();
    b.append("Visual review (")
        .append(outcome.mode())
        .append("): ")
        .append(c.total())
        .append(" snapshots — ")
        .append(c.unchanged())
        .append(" unchanged, ")
        .append(c.changed())
        .append(" changed, ")
        .append(c.added())
        .append(" new, ")
        .append(c.removed())
        .append(" removed\n");
    List<SnapshotVerdict> actionable =
        outcome.snapshots().stream().filter(SnapshotVerdict::isChange).toList();
    for (SnapshotVerdict v : actionable.subList(0, Math.min(MAX_LISTED, actionable.size()))) {
      b.append("  ").append(line(v)).append('\n');
    }
    if (actionable.size() > MAX_LISTED) {
      b.append("  ...and ").append(actionable.size() - MAX_LISTED).append(" more\n");
    }
    String verdict =
        outcome.verdict() == null ? "UNKNOWN" : outcome.verdict().name().toUpperCase(Locale.ROOT);
    b.append("Verdict: ").append(verdict);
    String conclusion = conclusion(outcome.summary());
    if (reportIndex != null) {
      conclusion = withoutReportPath(conclusion, reportIndex);
    }
    if (!conclusion.isEmpty()) {
      b.append(" — ").append(conclusion);
    }
    b.append('\n');
    if (reportIndex != null) {
      b.append("Report: ").append(reportIndex.toAbsolutePath().normalize().toUri()).append('\n');
    }
    return b.toString();
  }

  /** One change: {@code changed: id (3.21% diff, pixel) — note}. */
  static String line(SnapshotVerdict v) {
    StringBuilder b = new StringBuilder();
    b.append(v.result().wire()).append(": ").append(v.identifier());
    StringBuilder details = new StringBuilder();
    if (v.diffPercentage() != null) {
      details.append(String.format(Locale.ROOT, "%.2f%% diff", v.diffPercentage()));
    }
    if (!v.changeKind().isBlank()) {
      details.append(details.length() > 0 ? ", " : "").append(v.changeKind());
    }
    if (!v.reviewState().isBlank() && !v.reviewState().equals("pending")) {
      details.append(details.length() > 0 ? ", " : "").append(v.reviewState());
    }
    if (details.length() > 0) {
      b.append(" (").append(details).append(')');
    }
    if (!v.note().isBlank()) {
      b.append(" — ").append(oneLine(v.note()));
    }
    return b.toString();
  }

  /**
   * The last line of an outcome's summary: the conclusion ("Visual changes detected — review at:
   * ...", "No visual changes", the drift warning). The lines before it repeat the counts and the
   * listing that the reports show in their own form.
   */
  static String conclusion(String summary) {
    if (summary == null || summary.isBlank()) {
      return "";
    }
    String[] lines = summary.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  /**
   * The conclusion without its "review at: &lt;report path&gt;" when that path is the report named
   * on the next line anyway (local mode), so the path is printed once, as a clickable URI.
   */
  static String withoutReportPath(String conclusion, Path reportIndex) {
    String path = reportIndex.toAbsolutePath().normalize().toString();
    return conclusion
        .replaceFirst("(?i)\\s*(—\\s*)?review at:\\s*" + Pattern.quote(path) + "\\s*$", "")
        .strip();
  }

  private static String oneLine(String s) {
    return s.replace("\r", " ").replace("\n", " ").strip();
  }
}
