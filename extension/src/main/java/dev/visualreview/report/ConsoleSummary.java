package dev.visualreview.report;

import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotVerdict;
import java.nio.file.Path;
import java.util.List;

/**
 * The few lines printed at the end of a suite: counts, the snapshots that need a look (at most
 * {@value OutcomeText#LISTED}), the verdict and where the report is.
 */
public final class ConsoleSummary {
  private ConsoleSummary() {}

  /**
   * Renders the summary.
   *
   * @param reportIndex the written {@code index.html}, or null when no report was written
   */
  public static String render(RunOutcome outcome, Path reportIndex) {
    StringBuilder b = new StringBuilder();
    b.append("Visual review (")
        .append(OutcomeText.modeWord(outcome))
        .append("): ")
        .append(OutcomeText.countsLine(outcome.counts()))
        .append('\n');
    List<SnapshotVerdict> changes =
        outcome.snapshots().stream().filter(SnapshotVerdict::isChange).toList();
    int shown = Math.min(OutcomeText.LISTED, changes.size());
    for (SnapshotVerdict v : changes.subList(0, shown)) {
      b.append("  ").append(OutcomeText.snapshot(v, OutcomeText.Detail.FULL)).append('\n');
    }
    if (changes.size() > shown) {
      b.append("  ...and ").append(changes.size() - shown).append(" more\n");
    }
    boolean reportNamesTheUrl =
        reportIndex != null && pathOf(reportIndex).equals(outcome.reviewUrl());
    b.append("Verdict: ")
        .append(OutcomeText.verdictWord(outcome))
        .append(" — ")
        .append(OutcomeText.conclusion(outcome, !reportNamesTheUrl))
        .append('\n');
    for (String problem : outcome.problems()) {
      b.append(problem).append('\n');
    }
    if (reportIndex != null) {
      b.append("Report: ").append(reportIndex.toAbsolutePath().normalize().toUri()).append('\n');
    }
    return b.toString();
  }

  private static String pathOf(Path reportIndex) {
    return reportIndex.toAbsolutePath().normalize().toString();
  }
}
