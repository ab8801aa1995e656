package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CssPixelsTest {

  private static BufferedImage image(int width, int height, int[][] argbRows) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, argbRows[y][x]);
      }
    }
    return image;
  }

  @Test
  void devicePixelRatioTwoAveragesEachTwoByTwoBlock() {
    int r = 0xFFFF0000;
    int w = 0xFFFFFFFF;
    int k = 0xFF000000;
    byte[] png = PngImages.encode(image(4, 2, new int[][] {{r, r, w, k}, {r, r, k, w}}));

    BufferedImage css = TestImages.decode(CssPixels.normalise(png, 2.0));

    assertThat(css.getWidth()).isEqualTo(2);
    assertThat(css.getHeight()).isEqualTo(1);
    assertThat(css.getRGB(0, 0)).isEqualTo(r);
    assertThat(css.getRGB(1, 0)).isEqualTo(0xFF808080);
    assertThat(CssPixels.normalise(png, 2.0)).isEqualTo(CssPixels.normalise(png, 2.0));
  }

  @Test
  void ratioOneLeavesTheBytesAlone() {
    byte[] png = PngImages.encode(image(1, 1, new int[][] {{0xFF123456}}));
    assertThat(CssPixels.normalise(png, 1.0)).isSameAs(png);
  }

  @Test
  void fractionalRatiosGiveTheRoundedCssSize() {
    byte[] png = PngImages.encode(new BufferedImage(15, 9, BufferedImage.TYPE_INT_ARGB));
    BufferedImage css = TestImages.decode(CssPixels.normalise(png, 1.5));
    assertThat(css.getWidth()).isEqualTo(10);
    assertThat(css.getHeight()).isEqualTo(6);
  }

  @Test
  void cropCutsTheRectangleAndClampsToTheImage() {
    int[][] rows = new int[3][4];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        rows[y][x] = 0xFF000000 | (x << 16) | y;
      }
    }
    byte[] png = PngImages.encode(image(4, 3, rows));

    BufferedImage cropped = TestImages.decode(CssPixels.crop(png, 1, 1, 10, 10));

    assertThat(cropped.getWidth()).isEqualTo(3);
    assertThat(cropped.getHeight()).isEqualTo(2);
    assertThat(cropped.getRGB(0, 0)).isEqualTo(0xFF010001);
    assertThat(cropped.getRGB(2, 1)).isEqualTo(0xFF030002);
  }
}
