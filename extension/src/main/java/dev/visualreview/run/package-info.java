/**
 * Internal: a suite's run: snapshots, shards, the backends that judge them (PostHog and local), and
 * the outcome that gates the build. Knows nothing of JUnit, Playwright or Selenium.
 */
package dev.visualreview.run;
