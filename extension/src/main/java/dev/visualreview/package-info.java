/**
 * The public API of visual-review-junit: annotate a test class with {@link
 * dev.visualreview.VisualReview}, take a {@link dev.visualreview.Snapshots} parameter, and call
 * {@code snapshots.capture("name", page)} ({@link dev.visualreview.CaptureOptions} says how).
 * {@link dev.visualreview.ConfigKeys} lists every setting. A test may catch {@link
 * dev.visualreview.CaptureException} (and its {@link dev.visualreview.UnstableCaptureException})
 * from a capture; {@link dev.visualreview.VisualChangesError} fails a test whose snapshots changed
 * and {@link dev.visualreview.VisualReviewFailedError} the suite. {@link
 * dev.visualreview.StableScreenshot} takes and hashes a screenshot without recording it.
 *
 * <p>With {@code dev.visualreview.browsers} (starting the system Chromium for tests) this is all
 * the module {@code dev.visualreview} exports; every other package is internal and may change
 * without notice. {@code extension/api/public-api.txt} records this API, and the build fails when
 * it changes unannounced.
 */
package dev.visualreview;
