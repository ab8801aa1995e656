/**
 * Internal: what a person reads after a run: the console summary, {@code result.json}, the HTML
 * report and CI summaries and annotations.
 */
package dev.visualreview.report;
