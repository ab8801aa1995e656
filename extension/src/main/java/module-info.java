/**
 * visual-review-junit: visual regression testing for JUnit 5/6 with Playwright-for-Java or
 * Selenium, against PostHog Visual Review or local baselines.
 *
 * <p>The API is {@code dev.visualreview} ({@link dev.visualreview.VisualReview}, {@link
 * dev.visualreview.Snapshots}, options, settings, results and the exceptions a test may catch) and
 * {@code dev.visualreview.browsers} (starting the system Chromium for tests). Every other package
 * is internal: not exported, and free to change.
 *
 * <p>Playwright and Selenium are optional: a project brings the engine it uses. Playwright-for-Java
 * (1.62) declares no module name, so it is required by the name derived from its jar, {@code
 * playwright} (from {@code playwright-<version>.jar}, the name Maven and Gradle give the file).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Playwright, see above
module dev.visualreview {
  exports dev.visualreview;
  exports dev.visualreview.browsers;

  // The API's annotation is meta-annotated with @ExtendWith: users need JUnit Jupiter's API anyway.
  requires transitive org.junit.jupiter.api;
  requires org.junit.platform.launcher;
  requires com.fasterxml.jackson.databind;
  requires org.yaml.snakeyaml;
  requires java.desktop; // BufferedImage and ImageIO for image targets; the review's browser
  requires java.net.http; // the PostHog client
  requires jdk.httpserver; // the local review server

  // Transitive: PlaywrightBrowsers and SeleniumBrowsers (the API) take and return engine types.
  requires static transitive playwright;
  requires static com.google.gson; // Playwright's JSON values, read by the Playwright adapter
  requires static org.seleniumhq.selenium.api; // the Selenium adapter needs no more than this
  requires static transitive org.seleniumhq.selenium.chrome_driver; // SeleniumBrowsers only

  // JUnit instantiates the extension and reads its annotations reflectively.
  opens dev.visualreview.junit to
      org.junit.platform.commons;
  // The PostHog API's request and response records are bound by Jackson.
  opens dev.visualreview.api to
      com.fasterxml.jackson.databind;

  provides org.junit.jupiter.api.extension.Extension with
      dev.visualreview.junit.VisualReviewExtension;
  provides org.junit.platform.launcher.TestExecutionListener with
      dev.visualreview.junit.VisualReviewListener;
}
