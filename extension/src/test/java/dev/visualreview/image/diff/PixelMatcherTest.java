package dev.visualreview.image.diff;

import static dev.visualreview.image.diff.TestImages.antiAliasedEdge;
import static dev.visualreview.image.diff.TestImages.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixelMatcherTest {

  @Test
  void integerBoundIsNeverBelowTheYiqDeltaForAnyChannelDifference() {
    int[] first = new int[511];
    int[] second = new int[511];
    int[] bounds = new int[511];
    double scale = 1 << PixelMatcher.BOUND_BITS;
    long underestimated = 0;
    long checked = 0;
    for (int dr = -255; dr <= 255; dr++) {
      for (int dg = -255; dg <= 255; dg++) {
        for (int db = -255; db <= 255; db++) {
          first[db + 255] = opaque(Math.max(dr, 0), Math.max(dg, 0), Math.max(db, 0));
          second[db + 255] = opaque(Math.max(-dr, 0), Math.max(-dg, 0), Math.max(-db, 0));
        }
        PixelMatcher.deltaBounds(first, second, bounds, 0, 511);
        for (int i = 0; i < 511; i++) {
          double delta = Math.abs(PixelMatcher.colorDelta(first[i], second[i], 0));
          // the matcher skips a pixel when bound <= floor(maxDelta * 2^14) - 1
          if (bounds[i] + 1 <= delta * scale) {
            underestimated++;
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(511L * 511 * 511);
    assertThat(underestimated).isZero();
  }

  @ParameterizedTest
  @CsvSource({"0.1, true", "0.1, false", "0.05, true", "0.3, true", "0.0, true"})
  void countsExactlyAsPixelmatchOnMovedTextWithATintedBackground(
      double threshold, boolean detectAntiAliasing) {
    RgbaImage base = page(160, 90, 7);
    RgbaImage moved = shifted(page(160, 90, 7), 2, 1);
    tint(moved, 3, -2, 1);
    DiffOptions options = new DiffOptions(threshold, detectAntiAliasing, false);

    assertSameCountAsReference(base, moved, options);
  }

  @Test
  void countsExactlyAsPixelmatchOnMovedAntiAliasedEdges() {
    RgbaImage base = antiAliasedEdge(120, 80, 0.37, 20.0);
    RgbaImage moved = antiAliasedEdge(120, 80, 0.41, 23.5);

    assertSameCountAsReference(base, moved, DiffOptions.defaults());
  }

  @Test
  void countsExactlyAsPixelmatchWithSemiTransparentPixelsAndNoise() {
    Random random = new Random(11);
    RgbaImage base = page(96, 64, 3);
    RgbaImage changed = page(96, 64, 3);
    byte[] a = base.rgba();
    byte[] b = changed.rgba();
    for (int i = 0; i < a.length; i += 4) {
      if (random.nextInt(10) == 0) {
        a[i + 3] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        b[i] = (byte) (b[i] + random.nextInt(61) - 30);
        b[i + 1] = (byte) (b[i + 1] + random.nextInt(61) - 30);
      }
      if (random.nextInt(12) == 0) {
        b[i + 3] = (byte) random.nextInt(256);
      }
    }

    assertSameCountAsReference(base, changed, DiffOptions.defaults());
    assertSameCountAsReference(base, changed, new DiffOptions(0.2, false, false));
  }

  private static void assertSameCountAsReference(RgbaImage a, RgbaImage b, DiffOptions options) {
    long expected = ReferencePixelmatch.count(a.rgba(), b.rgba(), a.width(), a.height(), options);
    assertThat(PixelDiff.pixelmatchCount(a, b, options)).isEqualTo(expected);
    assertThat(PixelDiff.pixelmatchCount(b, a, options)).isEqualTo(expected);
  }

  private static int opaque(int r, int g, int b) {
    return r | g << 8 | b << 16 | 0xff000000;
  }

  /** The image's content moved right by {@code dx} and down by {@code dy} (edges repeated). */
  private static RgbaImage shifted(RgbaImage img, int dx, int dy) {
    byte[] src = img.rgba().clone();
    byte[] dst = img.rgba();
    int w = img.width();
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < w; x++) {
        int from = (Math.max(0, y - dy) * w + Math.max(0, x - dx)) * 4;
        System.arraycopy(src, from, dst, (y * w + x) * 4, 4);
      }
    }
    return img;
  }

  private static void tint(RgbaImage img, int dr, int dg, int db) {
    byte[] px = img.rgba();
    for (int i = 0; i < px.length; i += 4) {
      px[i] = (byte) Math.max(0, Math.min(255, (px[i] & 0xff) + dr));
      px[i + 1] = (byte) Math.max(0, Math.min(255, (px[i + 1] & 0xff) + dg));
      px[i + 2] = (byte) Math.max(0, Math.min(255, (px[i + 2] & 0xff) + db));
    }
  }
}
