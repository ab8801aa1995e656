/**
 * Internal: the thin JUnit adapters: the Jupiter extension behind {@code @VisualReview} (stores,
 * parameter injection, per-test verdicts, shards per class, the root-store registry that completes
 * the run, writes the reports and gates the build) and the Platform listener that points to the
 * report when the test plan ends. The listener also shares the running test plan with the extension
 * ({@code RunningPlans}), which is how a run of part of the suite is told from a run of the whole.
 */
package dev.visualreview.junit;
