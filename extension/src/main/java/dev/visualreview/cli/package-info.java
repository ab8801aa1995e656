/**
 * Internal: the command line, {@code java -jar visual-review.jar hash|diff|verify|run|review ...}.
 */
package dev.visualreview.cli;
