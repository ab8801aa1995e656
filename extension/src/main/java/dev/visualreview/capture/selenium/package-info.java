/**
 * Internal: the Selenium adapter of the capturer seam ({@link
 * dev.visualreview.capture.selenium.SeleniumCapturer} and its {@link
 * dev.visualreview.capture.PageSession}). With {@code dev.visualreview.browsers} (which starts
 * browsers for tests), the only package that imports Selenium classes; it is loaded only when a
 * Selenium target is captured.
 */
package dev.visualreview.capture.selenium;
