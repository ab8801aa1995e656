package dev.visualreview.run.config;

/** Whether a run covers only part of the suite (then nothing is reported removed or deleted). */
public enum PartialRun {
  /** Detected from the test plan; a plan that cannot be inspected counts as partial. */
  AUTO,
  /** Always partial. */
  TRUE,
  /** Always the whole suite. */
  FALSE
}
