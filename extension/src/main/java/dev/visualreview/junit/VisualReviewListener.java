package dev.visualreview.junit;

import dev.visualreview.VisualReview;
import dev.visualreview.report.ConsoleText;
import java.io.PrintStream;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Registered through {@code META-INF/services}; inert unless the test plan contains a {@code
 * VisualReview} class. It only reports (a listener cannot fail a build; the extension's root-store
 * registry gates): when the plan ends, it prints one line with the visual verdict and where the
 * report is, after all test output, so it is easy to find in a long build log.
 */
public final class VisualReviewListener implements TestExecutionListener {
  private final PrintStream out;
  private volatile boolean active;
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
    active = false;
    verdict = null;
    report = null;
    reportProblem = null;
    for (TestIdentifier root : testPlan.getRoots()) {
      if (containsVisualReview(testPlan, root)) {
        active = true;
        return;
      }
    }
  }

  private static boolean containsVisualReview(TestPlan plan, TestIdentifier node) {
    if (isVisualReviewClass(node.getSource())) {
      return true;
    }
    for (TestIdentifier child : plan.getChildren(node)) {
      if (child.isContainer() && containsVisualReview(plan, child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isVisualReviewClass(Optional<TestSource> source) {
    if (source.isEmpty()) {
      return false;
    }
    Class<?> type = null;
    if (source.get() instanceof ClassSource cs) {
      type = cs.getJavaClass();
    } else if (source.get() instanceof MethodSource ms) {
      type = ms.getJavaClass();
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (AnnotationSupport.isAnnotated(c, VisualReview.class)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
    if (!active) {
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
    if (!active) {
      return;
    }
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
