/**
 * Public API: starting the system Chromium for tests, never downloading a browser. {@link
 * dev.visualreview.browsers.PlaywrightBrowsers} (needs Playwright-for-Java on the class path) and
 * {@link dev.visualreview.browsers.SeleniumBrowsers} (needs {@code selenium-chrome-driver}) launch
 * it headless with flags that give the same pixels run after run; {@link
 * dev.visualreview.browsers.BrowserDiscovery} finds the browser and chromedriver executables and
 * names those flags.
 *
 * <p>Optional: nothing else in the library uses these classes, and each one loads only its own
 * engine, so a project with only Playwright (or only Selenium) never needs the other.
 */
package dev.visualreview.browsers;
