package dev.visualreview.capture;

import java.util.Map;

/**
 * An element's border box and visibility as {@link PageScripts#ELEMENT_BOX} measured it, and the
 * check both engines make before an element screenshot: an element with nothing to capture fails at
 * once, naming the element, instead of giving a one-pixel image (Selenium) or waiting for the
 * timeout (Playwright).
 *
 * @param connected the element is in the document
 * @param x the left edge in document coordinates, CSS pixels
 * @param y the top edge in document coordinates, CSS pixels
 * @param width the width in CSS pixels
 * @param height the height in CSS pixels
 * @param display the computed {@code display}
 * @param visibility the computed {@code visibility}
 * @param description the element as a CSS-like name, e.g. {@code div#flat.badge}
 */
public record ElementBox(
    boolean connected,
    double x,
    double y,
    double width,
    double height,
    String display,
    String visibility,
    String description) {

  /** Reads the script's result object. */
  public static ElementBox of(Map<?, ?> result) {
    return new ElementBox(
        !Boolean.FALSE.equals(result.get("connected")),
        number(result.get("x")),
        number(result.get("y")),
        number(result.get("width")),
        number(result.get("height")),
        String.valueOf(result.get("display")),
        String.valueOf(result.get("visibility")),
        String.valueOf(result.get("description")));
  }

  /**
   * Throws when there is nothing to capture: a detached, undisplayed, hidden or empty element.
   *
   * @param element how the user named the element (a locator, a WebElement), added to the page's
   *     own description of it
   */
  public ElementBox requireVisible(String snapshotName, String element) {
    String named =
        description.isEmpty() || element.contains(description)
            ? element
            : description + " (" + element + ")";
    if (!connected) {
      throw CaptureFailures.detached(snapshotName, named);
    }
    if (display.equals("none")) {
      throw CaptureFailures.nothingToCapture(
          snapshotName, named, "is not displayed (display: none)");
    }
    if (!(width > 0) || !(height > 0)) {
      throw CaptureFailures.nothingToCapture(
          snapshotName, named, "has no area (" + size(width) + "x" + size(height) + " CSS pixels)");
    }
    if (visibility.equals("hidden") || visibility.equals("collapse")) {
      throw CaptureFailures.nothingToCapture(
          snapshotName, named, "is hidden (visibility: " + visibility + ")");
    }
    return this;
  }

  private static String size(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }
}
