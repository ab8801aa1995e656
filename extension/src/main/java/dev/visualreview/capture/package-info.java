/**
 * Internal: taking stable screenshots. The capturer SPI and its adapters for Playwright and
 * Selenium (each touched only when that engine is on the classpath), plus other image sources.
 */
package dev.visualreview.capture;
