/**
 * Internal: the Selenium adapter. The only package that imports Selenium classes; it is loaded only
 * when a Selenium target is captured or a Selenium driver is launched.
 */
package dev.visualreview.capture.selenium;
