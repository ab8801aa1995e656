/**
 * Internal: the Playwright-for-Java adapter of the capturer seam ({@link
 * dev.visualreview.capture.playwright.PlaywrightCapturer} and its {@link
 * dev.visualreview.capture.PageSession}). The only package that imports Playwright classes; it is
 * loaded only when a Playwright target is captured or a Playwright browser is launched.
 */
package dev.visualreview.capture.playwright;
