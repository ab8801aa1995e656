/**
 * Internal: the Selenium adapter of the capturer seam ({@link
 * dev.visualreview.capture.selenium.SeleniumCapturer} and its {@link
 * dev.visualreview.capture.PageSession}). The only package that imports Selenium classes; it is
 * loaded only when a Selenium target is captured or a Selenium driver is launched.
 */
package dev.visualreview.capture.selenium;
