package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.CaptureOptions;
import java.awt.image.BufferedImage;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tricky pages both engines must capture the same way five times in a row: where each scenario
 * lives on {@link TestPages}, with which emulation and options, and the shared checks.
 */
public final class TrickyScenarios {
  private TrickyScenarios() {}

  /** The page of a scenario ({@code tall} and {@code dpr2} share the 6000-px page). */
  public static String path(String scenario) {
    return switch (scenario) {
      case "tall", "dpr2" -> "/tall";
      default -> "/" + scenario;
    };
  }

  /** The device scale factor to emulate. */
  public static double deviceScale(String scenario) {
    return scenario.equals("dpr2") ? 2 : 1;
  }

  /** The capture options of a scenario: the clock is masked, the tall page taken whole. */
  public static CaptureOptions options(String scenario) {
    return switch (scenario) {
      case "clock" -> CaptureOptions.builder().mask("#clock").build();
      case "tall" -> CaptureOptions.builder().fullPage(true).build();
      default -> CaptureOptions.defaults();
    };
  }

  /**
   * Captures five times and checks that all five have identical pixels and the expected size (a
   * viewport, or the whole tall page); returns the last capture for engine-specific checks.
   */
  public static CapturedImage fiveIdenticalCaptures(
      String scenario, Supplier<CapturedImage> capture) {
    Set<String> hashes = new LinkedHashSet<>();
    CapturedImage last = null;
    for (int i = 0; i < 5; i++) {
      last = capture.get();
      hashes.add(TestImages.contentHash(last.png()));
    }
    assertThat(hashes).as("distinct pixel hashes of five captures").hasSize(1);
    BufferedImage image = TestImages.decode(last.png());
    int expectedHeight =
        scenario.equals("tall") ? TestPages.TALL_HEIGHT : TestPages.VIEWPORT_HEIGHT;
    assertThat(image.getWidth()).isEqualTo(TestPages.VIEWPORT_WIDTH);
    assertThat(image.getHeight()).isEqualTo(expectedHeight);
    return last;
  }

  /** The default mask colour. */
  public static final int MAGENTA = 0xFF00FF;

  /** Checks that the masked clock of {@code /clock} is magenta exactly where the clock is. */
  public static void assertClockMaskedExactly(CapturedImage captured) {
    BufferedImage image = TestImages.decode(captured.png());
    long inside =
        TestImages.countColour(
            image,
            TestPages.CLOCK_X,
            TestPages.CLOCK_Y,
            TestPages.CLOCK_WIDTH,
            TestPages.CLOCK_HEIGHT,
            MAGENTA);
    assertThat(inside).isEqualTo((long) TestPages.CLOCK_WIDTH * TestPages.CLOCK_HEIGHT);
    assertThat(TestImages.countColour(image, MAGENTA)).isEqualTo(inside);
  }
}
