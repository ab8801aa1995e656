/**
 * Internal: reviewing a finished run without rerunning it. {@code review} reads the last run's
 * report folder, lists what needs review, accepts changes (local baselines written from the images
 * the run kept, or PostHog's approve and finalize calls) and serves the report on 127.0.0.1 with
 * buttons that do the same; the API key stays in this process.
 */
package dev.visualreview.review;
