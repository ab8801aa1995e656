package dev.visualreview.junit;

import dev.visualreview.report.ConsoleSummary;
import dev.visualreview.report.ConsoleText;
import dev.visualreview.report.GitHubActionsReport;
import dev.visualreview.report.Reports;
import dev.visualreview.report.SuiteMessages;
import dev.visualreview.run.RunOutcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the end-of-suite reports ({@code result.json}, {@code index.html}, the console summary,
 * and on GitHub Actions the step summary and annotations) and tells the Platform listener, through
 * report entries, the verdict and where the report is (or why there is none).
 */
final class SuiteReports {
  private SuiteReports() {}

  /**
   * Publishes a suite's report.
   *
   * @param report what the report shows, or null when the suite has nothing to report
   * @param message the end-of-suite message, printed when there is no report and the build passes
   * @param fails whether the build fails
   * @throws RuntimeException when the report or the job summary cannot be written, saying why
   */
  static void write(
      RunOutcome report,
      String message,
      boolean fails,
      Path reportDir,
      Map<String, String> environment,
      ExtensionContext root) {
    if (report == null) {
      String removed = Reports.removeEarlierReport(reportDir);
      if (!removed.isEmpty()) {
        System.out.println(ConsoleText.defuse("Visual review: " + removed));
      }
      if (!fails && !message.isBlank()) {
        System.out.println(message);
      }
      System.out.flush();
      root.publishReportEntry(
          SuiteRegistry.REPORT_ENTRY_VERDICT,
          fails
              ? "FAIL"
              : "not judged again (a re-run of failed tests: the first run's verdict stands)");
      return;
    }
    Path index = null;
    RuntimeException failure = null;
    try {
      index = Reports.write(report, reportDir);
    } catch (RuntimeException e) {
      failure = e;
    }
    System.out.print(ConsoleSummary.render(report, index));
    if (failure != null) {
      System.out.println(ConsoleText.defuse("Visual review: " + failure.getMessage()));
    }
    try {
      GitHubActionsReport.write(report, index, environment, System.out);
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    System.out.println();
    System.out.flush();
    root.publishReportEntry(SuiteRegistry.REPORT_ENTRY_VERDICT, SuiteMessages.headline(report));
    if (index != null) {
      root.publishReportEntry(
          SuiteRegistry.REPORT_ENTRY_REPORT, index.toAbsolutePath().normalize().toString());
    } else {
      root.publishReportEntry(
          SuiteRegistry.REPORT_ENTRY_REPORT_PROBLEM, SuiteMessages.oneLine(failure.getMessage()));
    }
    if (failure != null) {
      throw failure;
    }
  }
}
