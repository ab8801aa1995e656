/**
 * The public API of visual-review-junit: annotate a test class with {@link
 * dev.visualreview.VisualReview}, take a {@link dev.visualreview.Snapshots} parameter, and call
 * {@code snapshots.capture("name", page)}. {@link dev.visualreview.ConfigKeys} lists every setting.
 * Everything outside this package is internal and may change without notice.
 */
package dev.visualreview;
