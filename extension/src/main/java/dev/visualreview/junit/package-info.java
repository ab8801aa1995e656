/**
 * Internal: the thin JUnit adapters: the Jupiter extension behind {@code @VisualReview} and the
 * Platform listener that writes reports.
 */
package dev.visualreview.junit;
