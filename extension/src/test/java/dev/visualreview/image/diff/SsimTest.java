package dev.visualreview.image.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsimTest {

  @ParameterizedTest
  @CsvSource({
    "40, 30, 6, 3",
    "0, 3, 2, 2",
    "2, 20, 1, 1",
    "96, 59, 1, 1",
    "89, 12, 3, 2",
    "7, 0, 80, 1",
    "8, 20, 2, 1",
    "86, 40, 2, 2"
  })
  void aChangedBlockScoresAsTheFullComputation(int x, int y, int w, int h) {
    int width = 97;
    int height = 60;
    byte[] a = noise(width, height, 1);
    byte[] b = a.clone();
    change(b, width, x, y, w, h);

    assertThat(compute(a, b, width, height))
        .isCloseTo(reference(a, b, width, height), within(1e-12));
  }

  @Test
  void fullyChangedImagesScoreAsTheFullComputation() {
    int width = 64;
    int height = 40;
    byte[] a = noise(width, height, 2);
    byte[] b = noise(width, height, 3);

    assertThat(compute(a, b, width, height))
        .isCloseTo(reference(a, b, width, height), within(1e-12));
  }

  @Test
  void aTintedBackgroundWithMovedContentScoresAsTheFullComputation() {
    // flat areas in both images that are not identical (the tint), and content that moved: long
    // runs of equal windows between the changes
    int width = 90;
    int height = 50;
    byte[] a = TestImages.filled(width, height, 255, 255, 255).rgba();
    byte[] b = TestImages.filled(width, height, 238, 246, 255).rgba();
    paste(a, width, noise(20, 12, 4), 20, 10, 8);
    paste(b, width, noise(20, 12, 4), 20, 40, 30);
    paste(b, width, noise(7, 3, 5), 7, 80, 0);

    double score = compute(a, b, width, height);

    assertThat(score).isCloseTo(reference(a, b, width, height), within(1e-12));
    assertThat(score).isLessThan(0.99);
  }

  private static void paste(byte[] img, int width, byte[] block, int blockWidth, int x0, int y0) {
    int rows = block.length / (blockWidth * 4);
    for (int y = 0; y < rows; y++) {
      System.arraycopy(block, y * blockWidth * 4, img, ((y0 + y) * width + x0) * 4, blockWidth * 4);
    }
  }

  private static double compute(byte[] a, byte[] b, int width, int height) {
    int[] rows = IntStream.range(0, height).toArray();
    boolean[] differs = new boolean[height];
    for (int y = 0; y < height; y++) {
      int off = y * width * 4;
      differs[y] = !Arrays.equals(a, off, off + width * 4, b, off, off + width * 4);
    }
    return Ssim.compute(a, rows, b, rows, differs, width);
  }

  /** Every pixel's 11x11 mirrored window summed directly, in the formula's plain form. */
  private static double reference(byte[] a, byte[] b, int width, int height) {
    double total = 0;
    double n = Ssim.WINDOW * Ssim.WINDOW;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int dy = -5; dy <= 5; dy++) {
          for (int dx = -5; dx <= 5; dx++) {
            int p = (Ssim.reflect(y + dy, height) * width + Ssim.reflect(x + dx, width)) * 4;
            double la = luma(a, p);
            double lb = luma(b, p);
            sa += la;
            sb += lb;
            saa += la * la;
            sbb += lb * lb;
            sab += la * lb;
          }
        }
        double ma = sa / n;
        double mb = sb / n;
        double va = saa / n - ma * ma;
        double vb = sbb / n - mb * mb;
        double cov = sab / n - ma * mb;
        total +=
            (2 * ma * mb + Ssim.C1)
                * (2 * cov + Ssim.C2)
                / ((ma * ma + mb * mb + Ssim.C1) * (va + vb + Ssim.C2));
      }
    }
    return Math.max(0, Math.min(1, total / ((double) width * height)));
  }

  private static int luma(byte[] img, int p) {
    return (19595 * (img[p] & 0xff)
            + 38470 * (img[p + 1] & 0xff)
            + 7471 * (img[p + 2] & 0xff)
            + 32768)
        >>> 16;
  }

  private static byte[] noise(int width, int height, long seed) {
    byte[] img = new byte[width * height * 4];
    new Random(seed).nextBytes(img);
    for (int i = 3; i < img.length; i += 4) {
      img[i] = (byte) 255;
    }
    return img;
  }

  private static void change(byte[] img, int width, int x0, int y0, int w, int h) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int p = (y * width + x) * 4;
        img[p] = (byte) (img[p] ^ 0x5a);
        img[p + 1] = (byte) (img[p + 1] + 77);
      }
    }
  }
}
