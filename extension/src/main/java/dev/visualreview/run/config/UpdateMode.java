package dev.visualreview.run.config;

/** Which local baseline images a local run rewrites, like Playwright's --update-snapshots. */
public enum UpdateMode {
  /** Never write baselines. The default in CI. */
  NONE,
  /** Write baselines only for snapshots that have none. The default outside CI. */
  MISSING,
  /** Write baselines for new and changed snapshots. */
  CHANGED,
  /** Rewrite every baseline and prune those no longer produced. */
  ALL
}
