/**
 * Internal: baselines. The PostHog {@code snapshots.yml} (read-only: it belongs to the server),
 * local baseline images committed by users without PostHog, and the content-addressed store of
 * every image this machine captured.
 */
package dev.visualreview.baseline;
