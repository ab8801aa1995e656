package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

  @Test
  void randomRgbaPixelsSurviveARoundTripThroughImageIo() throws IOException {
    RgbaImage image = random(173, 61, 42);

    byte[] png = PngEncoder.encode(image);

    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    assertSamePixels(ImageIO.read(new ByteArrayInputStream(png)), image);
  }

  @Test
  void smoothAndFlatImagesRoundTripAndCompress() throws IOException {
    int w = 640;
    int h = 360;
    byte[] px = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 4;
        px[p] = (byte) (x / 3);
        px[p + 1] = (byte) (y / 2);
        px[p + 2] = (byte) (y < 100 ? 255 : 40);
        px[p + 3] = (byte) 255;
      }
    }
    RgbaImage image = new RgbaImage(w, h, px);

    byte[] png = PngEncoder.encode(image);

    assertThat(png.length).isLessThan(px.length / 20);
    assertSamePixels(ImageIO.read(new ByteArrayInputStream(png)), image);
  }

  @Test
  void onePixelImageRoundTrips() throws IOException {
    RgbaImage image = new RgbaImage(1, 1, new byte[] {10, 20, 30, 40});
    assertSamePixels(ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image))), image);
  }

  private static RgbaImage random(int w, int h, long seed) {
    byte[] px = new byte[w * h * 4];
    new Random(seed).nextBytes(px);
    return new RgbaImage(w, h, px);
  }

  private static void assertSamePixels(BufferedImage decoded, RgbaImage expected) {
    assertThat(decoded).isNotNull();
    assertThat(decoded.getWidth()).isEqualTo(expected.width());
    assertThat(decoded.getHeight()).isEqualTo(expected.height());
    byte[] px = expected.rgba();
    for (int y = 0; y < expected.height(); y++) {
      for (int x = 0; x < expected.width(); x++) {
        int p = (y * expected.width() + x) * 4;
        int argb =
            (px[p + 3] & 0xff) << 24
                | (px[p] & 0xff) << 16
                | (px[p + 1] & 0xff) << 8
                | px[p + 2] & 0xff;
        if (decoded.getRGB(x, y) != argb) {
          throw new AssertionError(
              "pixel ("
                  + x
                  + ","
                  + y
                  + ") decoded as "
                  + Integer.toHexString(decoded.getRGB(x, y))
                  + ", expected "
                  + Integer.toHexString(argb));
        }
      }
    }
  }
}
