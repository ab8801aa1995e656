package dev.visualreview.run.config;

/** Where snapshots are judged. */
public enum Mode {
  /** PostHog when an API key, a project id and a repo id are known, else local. */
  AUTO,
  /** Offline, against local baselines. */
  LOCAL,
  /** PostHog Visual Review. */
  POSTHOG,
  /** Visual review disabled: captures are skipped and nothing is judged. */
  OFF
}
