/**
 * Internal: the PostHog Visual Review backend: opens (or joins) a run, sends each shard's snapshots
 * and uploads, completes the run, waits for its verdict and judges it with the PostHog CLI's
 * outcome rules.
 */
package dev.visualreview.run.posthog;
