package dev.visualreview.run.config;

/** Which local baseline images a local run rewrites, like Playwright's --update-snapshots. */
public enum UpdateMode {
  /** Never write baselines (new snapshots outside CI are still recorded, with a notice). */
  NONE,
  /** Write baselines only for snapshots that have none. */
  MISSING,
  /** Write baselines for new and changed snapshots. */
  CHANGED,
  /** Rewrite every baseline and prune those no longer produced. */
  ALL
}
