/**
 * Internal: the local backend. Judges snapshots offline against {@code snapshots.yml}, committed
 * baseline images and this machine's image store, with the same results as the PostHog server,
 * applies Playwright-style update modes and writes the images the HTML report shows.
 */
package dev.visualreview.run.local;
