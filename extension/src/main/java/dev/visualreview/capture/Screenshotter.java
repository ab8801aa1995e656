package dev.visualreview.capture;

/** One engine's way of taking a single screenshot of the prepared target. */
@FunctionalInterface
interface Screenshotter {

  /**
   * Takes one screenshot.
   *
   * @param proveQuiet whether to also check that the page was provably quiet while this screenshot
   *     was taken (no DOM change, no running animation, fonts and images loaded, no canvas, video
   *     or frame); engines that cannot tell answer {@code false}
   */
  Shot take(boolean proveQuiet);

  /**
   * A screenshot and whether the page was proven quiet while it was taken.
   *
   * @param png the PNG bytes
   * @param quiet true only when the engine proved that nothing could have changed the pixels
   */
  record Shot(byte[] png, boolean quiet) {}
}
