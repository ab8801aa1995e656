package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.PixelRegion;
import dev.visualreview.image.RgbaImage;
import org.junit.jupiter.api.Test;

class PixelComparisonTest {

  private static RgbaImage blank(int width, int height) {
    return new RgbaImage(width, height, new byte[width * height * 4]);
  }

  private static void paint(RgbaImage image, int x, int y) {
    image.rgba()[(y * image.width() + x) * 4 + 1] = 7;
  }

  @Test
  void identicalPixelsHaveNoChangedRegion() {
    assertThat(PixelComparison.changedRegion(blank(5, 4), blank(5, 4))).isEmpty();
  }

  @Test
  void theRegionIsTheBoundingBoxOfEveryDifferentPixel() {
    RgbaImage a = blank(10, 8);
    RgbaImage b = blank(10, 8);
    paint(b, 2, 5);
    paint(b, 7, 1);
    paint(b, 4, 3);

    assertThat(PixelComparison.changedRegion(a, b)).contains(new PixelRegion(2, 1, 6, 5));
  }

  @Test
  void aSizeChangeIsTheWholeLargerImage() {
    assertThat(PixelComparison.changedRegion(blank(4, 4), blank(6, 3)))
        .contains(new PixelRegion(0, 0, 6, 4));
  }
}
