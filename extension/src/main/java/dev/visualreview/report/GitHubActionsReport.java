package dev.visualreview.report;

import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub Actions output: a Markdown job summary appended to {@code $GITHUB_STEP_SUMMARY}, and
 * {@code ::error::} / {@code ::warning::} workflow commands on stdout when {@code
 * GITHUB_ACTIONS=true}. Text from the run is escaped for Markdown and for workflow commands.
 */
public final class GitHubActionsReport {
  /** Per-snapshot annotations beyond this are summed up in one line (GitHub shows ten per step). */
  public static final int MAX_ANNOTATIONS = 10;

  private static final int MAX_TABLE_ROWS = 50;

  private GitHubActionsReport() {}

  /**
   * Writes whatever the environment asks for; does nothing outside GitHub Actions.
   *
   * @param reportIndex the written {@code index.html}, or null
   */
  public static void write(
      RunOutcome outcome, Path reportIndex, Map<String, String> env, PrintStream stdout) {
    String summaryFile = env.get("GITHUB_STEP_SUMMARY");
    if (summaryFile != null && !summaryFile.isBlank()) {
      appendStepSummary(Path.of(summaryFile), markdown(outcome, reportIndex));
    }
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      for (String line : annotations(outcome)) {
        stdout.println(line);
      }
      stdout.flush();
    }
  }

  /** The job summary Markdown. */
  public static String markdown(RunOutcome outcome, Path reportIndex) {
    RunCounts c = outcome.counts();
    StringBuilder b = new StringBuilder();
    b.append("### Visual review: ").append(OutcomeText.verdictWord(outcome)).append(" (");
    b.append(md(OutcomeText.modeWord(outcome))).append(")\n\n");
    b.append(md(OutcomeText.conclusion(outcome))).append("\n\n");
    for (String problem : outcome.problems()) {
      b.append(md(problem)).append("\n\n");
    }
    b.append("| total | unchanged | changed | new | removed | unresolved |\n");
    b.append("|---:|---:|---:|---:|---:|---:|\n");
    b.append("| ")
        .append(c.total())
        .append(" | ")
        .append(c.unchanged())
        .append(" | ")
        .append(c.changed())
        .append(" | ")
        .append(c.added())
        .append(" | ")
        .append(c.removed())
        .append(" | ")
        .append(c.unresolved())
        .append(" |\n\n");
    List<SnapshotVerdict> actionable =
        outcome.snapshots().stream().filter(SnapshotVerdict::isChange).toList();
    if (!actionable.isEmpty()) {
      b.append("| result | snapshot | diff | kind | review | note |\n|---|---|---:|---|---|---|\n");
      for (SnapshotVerdict v : actionable.subList(0, Math.min(MAX_TABLE_ROWS, actionable.size()))) {
        String id = md(v.identifier());
        String link = httpLink(v.reviewUrl());
        b.append("| ")
            .append(v.result().wire())
            .append(" | ")
            .append(link == null ? id : "[" + id + "](" + link + ")")
            .append(" | ")
            .append(v.diffPercentage() == null ? "" : HtmlReport.percent(v.diffPercentage()))
            .append(" | ")
            .append(md(v.changeKind().wire()))
            .append(" | ")
            .append(md(v.reviewState().wire()))
            .append(" | ")
            .append(md(v.note()))
            .append(" |\n");
      }
      if (actionable.size() > MAX_TABLE_ROWS) {
        b.append("\n...and ").append(actionable.size() - MAX_TABLE_ROWS).append(" more\n");
      }
      b.append('\n');
    }
    String link = httpLink(outcome.reviewUrl());
    if (link != null) {
      b.append("[Review on PostHog](").append(link).append(")\n\n");
    }
    if (reportIndex != null) {
      b.append("HTML report: `")
          .append(reportIndex.toString().replace("`", "'"))
          .append("` (upload the folder as an artifact to browse it)\n\n");
    }
    return b.toString();
  }

  /** The workflow-command lines for an outcome; empty when the verdict is pass. */
  public static List<String> annotations(RunOutcome outcome) {
    if (outcome.verdict() == Verdict.PASS) {
      return List.of();
    }
    String level = outcome.verdict() == Verdict.FAIL ? "error" : "warning";
    List<SnapshotVerdict> actionable =
        outcome.snapshots().stream().filter(SnapshotVerdict::actionable).toList();
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    int listed = Math.min(MAX_ANNOTATIONS - 1, actionable.size());
    for (SnapshotVerdict v : actionable.subList(0, listed)) {
      lines.add(
          "::"
              + level
              + " title="
              + property("Visual " + v.result().wire() + ": " + v.identifier())
              + "::"
              + data(OutcomeText.snapshot(v, OutcomeText.Detail.FULL)));
    }
    String summary = OutcomeText.conclusion(outcome);
    if (actionable.size() > listed) {
      summary += " (" + (actionable.size() - listed) + " more snapshot(s) not annotated)";
    }
    lines.add("::" + level + " title=" + property("Visual review") + "::" + data(summary));
    return lines;
  }

  /** Escapes a workflow command's message, per GitHub's rules. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a workflow command's property value, per GitHub's rules. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }

  /** Escapes text for a Markdown table cell (GitHub renders inline HTML, so that too). */
  static String md(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\r', '\n' -> b.append(' ');
        case '|', '\\', '`', '*', '_', '[', ']', '(', ')', '#', '~', '!' ->
            b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String httpLink(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      return uri.toASCIIString().replace("(", "%28").replace(")", "%29");
    } catch (Exception e) {
      return null;
    }
  }

  private static void appendStepSummary(Path file, String markdown) {
    try {
      Files.writeString(
          file,
          markdown,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot append the job summary to $GITHUB_STEP_SUMMARY (" + file + "): " + e.getMessage(),
          e);
    }
  }
}
