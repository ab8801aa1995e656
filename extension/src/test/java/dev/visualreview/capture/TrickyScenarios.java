package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.CaptureException;
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

  /**
   * Checks that the badge of {@code /badge} shows its first keyframe's colour over its whole area:
   * an infinite animation is paused at its first frame, not cancelled (which would leave no
   * background at all).
   */
  public static void assertBadgeAtFirstFrame(CapturedImage captured) {
    BufferedImage image = TestImages.decode(captured.png());
    assertThat(
            TestImages.countColour(
                image,
                TestPages.BADGE_X,
                TestPages.BADGE_Y,
                TestPages.BADGE_WIDTH,
                TestPages.BADGE_HEIGHT,
                TestPages.BADGE_FIRST_FRAME))
        .as("pixels of the badge in its first keyframe's colour")
        .isEqualTo((long) TestPages.BADGE_WIDTH * TestPages.BADGE_HEIGHT);
  }

  /** Options whose timeout is far longer than a capture that fails at once may take. */
  public static final CaptureOptions PATIENT =
      CaptureOptions.builder().timeout(java.time.Duration.ofSeconds(120)).build();

  /**
   * Checks that capturing an element with nothing to capture (as snapshot {@code blank}) fails at
   * once (well within the capture's {@link #PATIENT} timeout, even on a loaded machine), naming the
   * snapshot, the element and what to do.
   */
  public static void assertNothingToCapture(
      String element, org.junit.jupiter.api.function.Executable capture) {
    long start = System.nanoTime();
    Throwable thrown =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(90),
            () -> org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, capture));
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(thrown).isInstanceOf(CaptureException.class);
    assertThat(thrown.getMessage())
        .contains("snapshot 'blank'")
        .contains(element)
        .contains("wait until it is visible");
    assertThat(seconds).as("seconds until the capture failed").isLessThan(60);
  }

  /**
   * Checks that a failed capture reads well where a user meets it: one message that names the
   * snapshot, the problem and the fix; one cause (the engine's error, whose details appear once);
   * and none of the test engine's frames (a parameterised test runs inside {@code java.util.stream}
   * pipelines) in the printed trace.
   */
  public static void assertShortFailure(
      Throwable thrown, String snapshot, String problem, String fix, String engineDetail) {
    assertThat(thrown).isInstanceOf(CaptureException.class);
    assertThat(thrown.getMessage())
        .contains("snapshot '" + snapshot + "'")
        .contains(problem)
        .contains(fix)
        .doesNotContain("\n    at ");
    assertThat(thrown.getCause()).as("the engine's error").isNotNull();
    assertThat(thrown.getCause().getCause()).as("a cause of the cause").isNull();
    java.io.StringWriter printed = new java.io.StringWriter();
    thrown.printStackTrace(new java.io.PrintWriter(printed));
    assertThat(printed.toString())
        .doesNotContain("at java.util.stream.")
        .doesNotContain("at org.junit.");
    int at = printed.toString().indexOf(engineDetail);
    assertThat(at).as("the engine's details in the printed trace").isNotNegative();
    assertThat(printed.toString().indexOf(engineDetail, at + 1))
        .as("a second copy of the engine's details")
        .isNegative();
  }
}
