package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.CaptureOptions;
import dev.visualreview.PixelRegion;
import dev.visualreview.UnstableCaptureException;
import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.RgbaImage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stability loop with scripted screenshots: no browser needed. */
class StableCaptureTest {

  /** A 4x4 PNG that is blank except for one pixel whose green value is {@code shade}. */
  private static byte[] frame(int shade) {
    RgbaImage image = new RgbaImage(4, 4, new byte[64]);
    image.rgba()[(2 * 4 + 1) * 4 + 1] = (byte) shade;
    return PngEncoder.encode(image);
  }

  private static class Script implements Screenshotter {
    final Deque<byte[]> frames = new ArrayDeque<>();
    final List<Boolean> proofsAsked = new ArrayList<>();
    boolean quiet;

    Script(int... shades) {
      for (int shade : shades) {
        frames.add(frame(shade));
      }
    }

    @Override
    public Shot take(boolean proveQuiet) {
      proofsAsked.add(proveQuiet);
      byte[] png = frames.size() > 1 ? frames.poll() : frames.peek();
      return new Shot(png, quiet && proveQuiet);
    }
  }

  @Test
  void aQuietPageIsAcceptedAfterOneScreenshot() {
    Script script = new Script(1);
    script.quiet = true;

    StableCapture.Result result = StableCapture.take(script, CaptureOptions.defaults(), "s");

    assertThat(result.attempts()).isEqualTo(1);
    assertThat(script.proofsAsked).containsExactly(true);
  }

  @Test
  void strictStabilityIgnoresTheProofAndComparesTwoScreenshots() {
    Script script = new Script(1, 1);
    script.quiet = true;

    StableCapture.Result result =
        StableCapture.take(script, CaptureOptions.builder().strictStability(true).build(), "s");

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(script.proofsAsked).containsExactly(false, false);
  }

  @Test
  void screenshotsAreRetakenUntilTwoInARowAreIdentical() {
    Script script = new Script(1, 2, 3, 3);

    StableCapture.Result result = StableCapture.take(script, CaptureOptions.defaults(), "s");

    assertThat(result.attempts()).isEqualTo(4);
    assertThat(result.png()).isEqualTo(frame(3));
  }

  @Test
  void aPageThatNeverSettlesFailsWithTheSnapshotAndTheRegion() {
    Script script = new Script(1, 2, 3, 4, 5, 6, 7);

    assertThatThrownBy(
            () ->
                StableCapture.take(script, CaptureOptions.builder().maxAttempts(3).build(), "cart"))
        .isInstanceOfSatisfying(
            UnstableCaptureException.class,
            e -> {
              assertThat(e.snapshotName()).isEqualTo("cart");
              assertThat(e.changedRegion()).isEqualTo(new PixelRegion(1, 2, 1, 1));
            })
        .hasMessageContaining("snapshot 'cart' is unstable: 3 screenshots");
    assertThat(script.proofsAsked).hasSize(3);
  }

  @Test
  void theStabilityTimeoutBoundsTheRetakes() {
    Script script = new Script(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    CaptureOptions options =
        CaptureOptions.builder().maxAttempts(1000).stabilityTimeout(Duration.ofMillis(120)).build();

    assertThatThrownBy(() -> StableCapture.take(script, options, "slow"))
        .isInstanceOf(UnstableCaptureException.class);
    assertThat(script.proofsAsked.size()).isLessThan(12);
  }

  @Test
  void aSlowFirstScreenshotIsStillComparedWithASecondOne() {
    Script script =
        new Script(1, 1) {
          @Override
          public Shot take(boolean proveQuiet) {
            if (proofsAsked.isEmpty()) {
              try {
                Thread.sleep(80);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return super.take(proveQuiet);
          }
        };
    CaptureOptions options =
        CaptureOptions.builder().stabilityTimeout(Duration.ofMillis(20)).build();

    assertThat(StableCapture.take(script, options, "slow").attempts()).isEqualTo(2);
  }

  @Test
  void stableFalseTakesExactlyOneScreenshot() {
    Script script = new Script(1, 2);

    StableCapture.Result result =
        StableCapture.take(script, CaptureOptions.builder().stable(false).build(), "s");

    assertThat(result.attempts()).isEqualTo(1);
    assertThat(script.proofsAsked).containsExactly(false);
  }
}
