/**
 * Internal: taking stable screenshots. {@link dev.visualreview.capture.Capturers} dispatches a
 * target to the Playwright or Selenium adapter (each loaded only when that engine's target is
 * captured) or to the image sources, {@link dev.visualreview.capture.StableCapture} retakes until
 * the pixels settle, and {@link dev.visualreview.capture.BrowserDiscovery} finds the system browser
 * for tests. Failures surface as {@link dev.visualreview.capture.CaptureException} and {@link
 * dev.visualreview.capture.UnstableCaptureException}.
 */
package dev.visualreview.capture;
