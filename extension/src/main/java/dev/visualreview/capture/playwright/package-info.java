/**
 * Internal: the Playwright-for-Java adapter of the capturer seam ({@link
 * dev.visualreview.capture.playwright.PlaywrightCapturer} and its {@link
 * dev.visualreview.capture.PageSession}). With {@code dev.visualreview.browsers} (which starts
 * browsers for tests), the only package that imports Playwright classes; it is loaded only when a
 * Playwright target is captured.
 */
package dev.visualreview.capture.playwright;
