package dev.visualreview.junit;

import dev.visualreview.report.ConsoleSummary;
import dev.visualreview.report.GitHubActionsReport;
import dev.visualreview.report.Reports;
import dev.visualreview.run.GateDecision;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SessionEnding;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the end-of-suite reports ({@code result.json}, {@code index.html}, the console summary,
 * and on GitHub Actions the step summary and annotations) and tells the Platform listener, through
 * report entries, the verdict and where the report is.
 */
final class SuiteReports {
  private SuiteReports() {}

  static void write(
      SessionEnding ending,
      GateDecision decision,
      String message,
      Path reportDir,
      Map<String, String> environment,
      ExtensionContext root) {
    RunOutcome outcome = ending.outcome();
    Path index = null;
    if (outcome != null) {
      index = Reports.write(outcome, reportDir);
      System.out.println(ConsoleSummary.render(outcome, index));
      GitHubActionsReport.write(outcome, index, environment, System.out);
    } else if (!decision.fail() && !message.isBlank()) {
      System.out.println(message);
    }
    System.out.flush();
    String verdict =
        outcome != null
            ? outcome.verdict().name()
            : decision.fail() ? "FAIL" : ending.runId() != null ? "SHARD_ADDED" : "NONE";
    root.publishReportEntry(SuiteRegistry.REPORT_ENTRY_VERDICT, verdict);
    if (index != null) {
      root.publishReportEntry(
          SuiteRegistry.REPORT_ENTRY_REPORT, index.toAbsolutePath().normalize().toString());
    }
  }
}
