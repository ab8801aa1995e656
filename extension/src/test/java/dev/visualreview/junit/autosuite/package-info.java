/**
 * Fixtures for JUnit's extension auto-detection ({@code AutoDetectionTest}): a class that takes
 * {@code Snapshots} without {@code @VisualReview}, an annotated one, and one without visual tests.
 */
package dev.visualreview.junit.autosuite;
