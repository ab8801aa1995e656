/**
 * Internal: taking stable screenshots. The capturer seam:
 *
 * <ul>
 *   <li>{@link dev.visualreview.capture.Capturers} recognises a target by class name and hands it
 *       to a {@link dev.visualreview.capture.Capturer}: the image sources (bytes, files, {@code
 *       BufferedImage}s, checked against the PNG limits) or an engine adapter. An adapter class is
 *       named only where its engine's target is captured, so a user with only Playwright or only
 *       Selenium on the class path never loads the other engine's classes.
 *   <li>The adapters ({@code playwright/}, {@code selenium/}: the only packages that import an
 *       engine) check their target, open a {@link dev.visualreview.capture.PageSession} (running
 *       the capture's page scripts, taking one screenshot, describing the browser, each call
 *       bounded by the {@link dev.visualreview.capture.PageDeadline}) and run {@link
 *       dev.visualreview.capture.PageCapture} on it.
 *   <li>{@link dev.visualreview.capture.PageCapture} is the engine-neutral procedure: the {@link
 *       dev.visualreview.capture.PageScripts} before and after each screenshot (fonts, the
 *       temporary {@link dev.visualreview.capture.PageChanges}, the quiet-page proof, the undo),
 *       {@link dev.visualreview.capture.StableCapture} to retake until the pixels settle, and the
 *       typed {@link dev.visualreview.capture.CaptureMetadata}.
 *   <li>{@link dev.visualreview.capture.CaptureFailures} words the errors both engines raise and
 *       gives each the engine's error as its one cause.
 * </ul>
 *
 * <p>Failures surface as the public {@link dev.visualreview.CaptureException} and {@link
 * dev.visualreview.UnstableCaptureException}. Starting a browser for tests is the public {@code
 * dev.visualreview.browsers} package's job.
 */
package dev.visualreview.capture;
