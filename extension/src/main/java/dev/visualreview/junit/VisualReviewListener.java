package dev.visualreview.junit;

import dev.visualreview.report.ConsoleText;
import java.io.PrintStream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Registered through {@code META-INF/services}; inert unless the test plan contains a visual test
 * class. It only reports (a listener cannot fail a build; the extension's root-store registry
 * gates): it makes the plan known to the extension while it runs ({@link RunningPlans}: whether it
 * is the whole suite, which visual tests did not run to their end), and when the plan ends it
 * prints one line with the visual verdict and where the report is, after all test output, so it is
 * easy to find in a long build log.
 */
public final class VisualReviewListener implements TestExecutionListener {
  private final PrintStream out;
  private volatile ObservedPlan observed;
  private volatile String verdict;
  private volatile String report;
  private volatile String reportProblem;

  public VisualReviewListener() {
    this(System.out);
  }

  VisualReviewListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    verdict = null;
    report = null;
    reportProblem = null;
    observed = ObservedPlan.of(testPlan).orElse(null);
    if (observed != null) {
      RunningPlans.started(observed);
    }
  }

  @Override
  public void executionSkipped(TestIdentifier testIdentifier, String reason) {
    ObservedPlan plan = observed;
    if (plan != null) {
      plan.skipped(testIdentifier, reason);
    }
  }

  @Override
  public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
    ObservedPlan plan = observed;
    if (plan != null) {
      plan.finished(testIdentifier, result);
    }
  }

  @Override
  public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
    if (observed == null) {
      return;
    }
    entry
        .getKeyValuePairs()
        .forEach(
            (key, value) -> {
              if (key.equals(SuiteRegistry.REPORT_ENTRY_VERDICT)) {
                verdict = value;
              } else if (key.equals(SuiteRegistry.REPORT_ENTRY_REPORT)) {
                report = value;
              } else if (key.equals(SuiteRegistry.REPORT_ENTRY_REPORT_PROBLEM)) {
                reportProblem = value;
              }
            });
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    ObservedPlan plan = observed;
    if (plan == null) {
      return;
    }
    RunningPlans.finished(plan);
    observed = null;
    if (verdict == null) {
      out.println("Visual review: no snapshots were judged in this test run.");
    } else {
      String where =
          report != null && !report.isBlank()
              ? " — report: " + report
              : reportProblem != null ? " — no report: " + reportProblem : "";
      out.println(ConsoleText.defuse("Visual review: " + ConsoleText.inline(verdict + where)));
    }
    out.flush();
  }
}
