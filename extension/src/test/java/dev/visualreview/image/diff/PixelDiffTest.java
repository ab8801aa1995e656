package dev.visualreview.image.diff;

import static dev.visualreview.image.diff.TestImages.antiAliasedEdge;
import static dev.visualreview.image.diff.TestImages.copy;
import static dev.visualreview.image.diff.TestImages.filled;
import static dev.visualreview.image.diff.TestImages.insertRows;
import static dev.visualreview.image.diff.TestImages.page;
import static dev.visualreview.image.diff.TestImages.pixel;
import static dev.visualreview.image.diff.TestImages.rect;
import static dev.visualreview.image.diff.TestImages.resized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.image.RgbaImage;
import org.junit.jupiter.api.Test;

class PixelDiffTest {

  private static final DiffOptions DEFAULTS = DiffOptions.defaults();

  @Test
  void identicalImagesAreUnchangedExact() {
    RgbaImage base = page(320, 240, 1);
    DiffResult result = PixelDiff.compare(base, copy(base), DEFAULTS);

    assertThat(result.changed()).isFalse();
    assertThat(result.result()).isEqualTo("unchanged");
    assertThat(result.reason()).isEqualTo("exact");
    assertThat(result.changeKind()).isEmpty();
    assertThat(result.diffPixelCount()).isZero();
    assertThat(result.diffPercentage()).isZero();
    assertThat(result.ssim()).isEqualTo(1.0);
    assertThat(result.sizeMismatch()).isFalse();
    assertThat(result.diffImage()).isNull();
  }

  @Test
  void antiAliasedEdgeShiftedBySubpixelIsNotCounted() {
    RgbaImage base = antiAliasedEdge(200, 120, 0.37, 20.0);
    RgbaImage moved = antiAliasedEdge(200, 120, 0.37, 20.3);
    assertThat(TestImages.sameBytes(base, moved)).isFalse();

    long withoutDetection =
        PixelDiff.pixelmatchCount(base, moved, new DiffOptions(0.1, false, false));
    DiffResult result = PixelDiff.compare(base, moved, DEFAULTS);

    assertThat(withoutDetection)
        .as("the shift changes pixels above the colour threshold")
        .isPositive();
    assertThat(PixelDiff.pixelmatchCount(base, moved, DEFAULTS)).isZero();
    assertThat(result.diffPixelCount()).isZero();
    assertThat(result.changed()).isFalse();
    assertThat(result.reason()).isEqualTo("below_threshold");
  }

  /**
   * Two Chromium screenshots where one KPI number changed (rows 165-182). pixelmatch 7.2.0 counts
   * 196 (recorded with {@code bench/pixelmatch-corpus.sh}'s Node peer); the diff used to report 202
   * because it judged the changed rows as an image of their own, so the anti-aliasing detector saw
   * no neighbours above row 165 and below row 182.
   */
  @Test
  void aTextEditCountsExactlyAsPixelmatchOnRealScreenshots() throws Exception {
    RgbaImage base = resource("pixelmatch-aa/dashboard-base.png");
    RgbaImage edited = resource("pixelmatch-aa/dashboard-kpi-edit.png");

    DiffResult result = PixelDiff.compare(base, edited, DiffOptions.withDiffImage());

    assertThat(PixelDiff.pixelmatchCount(base, edited, DEFAULTS)).isEqualTo(196);
    assertThat(result.diffPixelCount()).isEqualTo(196);
    assertThat(result.rowShift()).isZero();
    // one of the six glyph-edge pixels on the band's first row: anti-aliased, painted yellow
    assertThat(pixel(result.diffImage(), 540, 165)).containsExactly(255, 255, 0, 255);
  }

  /**
   * A text edit in the middle of a generated page (case 14 of the differential corpus): the rows
   * above and below the changed band are unchanged, and the band counts as the whole page does
   * (pixelmatch 7.2.0: 173; judged as an image of its own, the band counted 190).
   */
  @Test
  void changedRowsAreJudgedWithTheirNeighboursOutsideTheBand() {
    PixelmatchCorpus.Case edit = PixelmatchCorpus.generate(14);
    RgbaImage base = edit.a();
    RgbaImage current = edit.b();

    DiffResult result = PixelDiff.compare(base, current, DEFAULTS);

    assertThat(edit.options()).isEqualTo(DEFAULTS);
    assertThat(result.rowShift()).isZero();
    assertThat(ReferencePixelmatch.count(base.rgba(), current.rgba(), 139, 71, DEFAULTS))
        .isEqualTo(173);
    assertThat(result.diffPixelCount()).isEqualTo(173);
  }

  private static RgbaImage resource(String name) throws java.io.IOException {
    try (var in = PixelDiffTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return dev.visualreview.image.PngDecoder.decode(in.readAllBytes());
    }
  }

  @Test
  void oneRowShiftIsAbsorbed() {
    RgbaImage base = page(300, 400, 2);
    // a blank row appears in the white gap between two text lines (rows 96..101)
    RgbaImage shifted = insertRows(base, 98, 1, 98);

    DiffResult result = PixelDiff.compare(base, shifted, DEFAULTS);

    assertThat(result.changed()).isFalse();
    assertThat(result.reason()).isEqualTo("below_threshold");
    assertThat(result.rowShift()).isEqualTo(1);
    assertThat(result.ssim()).isEqualTo(1.0);
    // the inserted band counts as its own area: one row of 300 pixels
    assertThat(result.diffPixelCount()).isEqualTo(300);
    assertThat(result.diffPercentage()).isEqualTo(0.25);
    // without alignment the same pair would differ on most of the page below the band
    assertThat(PixelDiff.pixelmatchCount(base, shifted, DEFAULTS)).isGreaterThan(5_000);
  }

  @Test
  void fiveRowShiftIsALayoutChange() {
    RgbaImage base = page(300, 400, 3);
    RgbaImage shifted = insertRows(base, 98, 5, 98);

    DiffResult result = PixelDiff.compare(base, shifted, DEFAULTS);

    assertThat(result.changed()).isTrue();
    assertThat(result.changeKind()).isEqualTo("layout");
    assertThat(result.reason()).isEmpty();
    assertThat(result.rowShift()).isEqualTo(5);
    assertThat(result.diffPixelCount()).isEqualTo(5 * 300);
  }

  @Test
  void thinElementThatMovedElsewhereIsALayoutChange() {
    RgbaImage base = filled(200, 200, 255, 255, 255);
    RgbaImage current = copy(base);
    rect(base, 0, 50, 200, 1, 30, 30, 30);
    rect(current, 0, 150, 200, 1, 30, 30, 30);

    DiffResult result = PixelDiff.compare(base, current, DEFAULTS);

    assertThat(result.rowShift()).isEqualTo(1);
    assertThat(result.changed()).isTrue();
    assertThat(result.changeKind()).isEqualTo("layout");
  }

  @Test
  void imagesOfDifferentSizeArePaddedAndFlagged() {
    RgbaImage base = page(200, 150, 4);
    RgbaImage taller = resized(base, 220, 180);

    DiffResult result = PixelDiff.compare(base, taller, DEFAULTS);

    assertThat(result.sizeMismatch()).isTrue();
    assertThat(result.width()).isEqualTo(220);
    assertThat(result.height()).isEqualTo(180);
    assertThat(result.changed()).isTrue();
    // the padded (transparent) strip on the right of the baseline differs from white on every row
    assertThat(result.diffPixelCount()).isGreaterThanOrEqualTo(20L * 150);
  }

  @Test
  void padsTheSmallerImageWithTransparentPixels() {
    RgbaImage small = filled(10, 10, 255, 255, 255);
    RgbaImage large = filled(12, 10, 255, 255, 255);

    long count = PixelDiff.pixelmatchCount(small, large, DEFAULTS);

    // the 2 x 10 padded column is transparent in the baseline and white in the current image
    assertThat(count).isEqualTo(20);
  }

  @Test
  void threePercentBlockChangeIsAPixelChangeWithTheExactCount() {
    RgbaImage base = filled(200, 100, 255, 255, 255);
    RgbaImage current = copy(base);
    rect(current, 40, 30, 30, 20, 220, 20, 20); // 600 of 20 000 pixels

    DiffResult result = PixelDiff.compare(base, current, DiffOptions.withDiffImage());

    assertThat(result.diffPixelCount()).isEqualTo(600);
    assertThat(result.diffPercentage()).isEqualTo(3.0);
    assertThat(result.changed()).isTrue();
    assertThat(result.changeKind()).isEqualTo("pixel");
    assertThat(result.rowShift()).isZero();
    assertThat(PixelDiff.pixelmatchCount(base, current, DEFAULTS)).isEqualTo(600);

    RgbaImage diff = result.diffImage();
    assertThat(diff.width()).isEqualTo(200);
    assertThat(pixel(diff, 50, 40)).containsExactly(255, 0, 0, 255);
    int[] faded = pixel(diff, 5, 5);
    assertThat(faded[0]).isEqualTo(faded[1]).isEqualTo(faded[2]);
    assertThat(faded[0]).isGreaterThan(200);
  }

  @Test
  void tinyChangeIsBelowThreshold() {
    RgbaImage base = filled(200, 100, 255, 255, 255);
    RgbaImage current = copy(base);
    rect(current, 100, 50, 3, 3, 220, 20, 20); // 9 px

    DiffResult result = PixelDiff.compare(base, current, DEFAULTS);

    assertThat(result.diffPixelCount()).isEqualTo(9);
    assertThat(result.diffPercentage()).isEqualTo(0.045);
    assertThat(result.ssim()).isGreaterThan(0.99);
    assertThat(result.changed()).isFalse();
    assertThat(result.reason()).isEqualTo("below_threshold");
  }

  @Test
  void subtleColourShiftBelowTheYiqThresholdIsUnchanged() {
    RgbaImage base = page(240, 160, 5);
    RgbaImage current = copy(base);
    byte[] px = current.rgba();
    for (int i = 0; i < px.length; i += 4) {
      for (int c = 0; c < 3; c++) {
        px[i + c] = (byte) Math.max(0, (px[i + c] & 0xff) - 3);
      }
    }

    DiffResult result = PixelDiff.compare(base, current, DEFAULTS);

    assertThat(result.diffPixelCount()).isZero();
    assertThat(result.changed()).isFalse();
    assertThat(result.reason()).isEqualTo("below_threshold");
    assertThat(result.ssim()).isGreaterThan(0.99);
  }

  @Test
  void texturedRegionBelowThePixelThresholdIsAStructuralChange() {
    RgbaImage base = filled(200, 200, 128, 128, 128);
    RgbaImage current = copy(base);
    byte[] px = current.rgba();
    // a checker texture of +-20 luma steps: every pixel is under the YIQ threshold, but the
    // flat area has become structured
    for (int y = 60; y < 100; y++) {
      for (int x = 0; x < 200; x++) {
        int v = ((x + y) & 1) == 0 ? 148 : 108;
        int p = (y * 200 + x) * 4;
        px[p] = (byte) v;
        px[p + 1] = (byte) v;
        px[p + 2] = (byte) v;
      }
    }

    DiffResult result = PixelDiff.compare(base, current, DEFAULTS);

    assertThat(result.diffPercentage()).isLessThan(2.5);
    assertThat(result.ssim()).isLessThanOrEqualTo(0.99);
    assertThat(result.changed()).isTrue();
    assertThat(result.changeKind()).isEqualTo("structural");
  }

  @Test
  void heavilyChangedPairIsDiffedTopAligned() {
    RgbaImage base = page(300, 200, 6);
    RgbaImage current = page(300, 200, 7);

    DiffResult result = PixelDiff.compare(base, current, DEFAULTS);

    assertThat(result.changed()).isTrue();
    assertThat(result.changeKind()).isEqualTo("pixel");
    assertThat(result.rowShift()).isZero();
    assertThat(result.diffPixelCount())
        .isEqualTo(PixelDiff.pixelmatchCount(base, current, DEFAULTS));
  }

  @Test
  void diffImageMarksShiftedRowsInALeftGutter() {
    RgbaImage base = page(300, 400, 8);
    RgbaImage shifted = insertRows(base, 98, 5, 98);

    RgbaImage diff = PixelDiff.compare(base, shifted, DiffOptions.withDiffImage()).diffImage();

    assertThat(pixel(diff, 0, 300)).as("moved row gutter").containsExactly(0, 90, 255, 255);
    assertThat(pixel(diff, 0, 50))
        .as("row above the insert did not move")
        .satisfies(p -> assertThat(p[0]).isEqualTo(p[2]));
    assertThat(pixel(diff, 100, 103))
        .as("inserted rows are tinted red")
        .satisfies(p -> assertThat(p[0]).isEqualTo(255));
  }

  @Test
  void identicalPairStillRendersAFadedDiffImageWhenAsked() {
    RgbaImage base = page(64, 64, 9);

    DiffResult result = PixelDiff.compare(base, copy(base), DiffOptions.withDiffImage());

    assertThat(result.reason()).isEqualTo("exact");
    assertThat(result.diffImage()).isNotNull();
    assertThat(result.diffImage().width()).isEqualTo(64);
  }

  @Test
  void tinyImagesUseAGlobalSsimWindow() {
    RgbaImage black = filled(1, 1, 0, 0, 0);
    RgbaImage white = filled(1, 1, 255, 255, 255);

    DiffResult result = PixelDiff.compare(black, white, DEFAULTS);

    assertThat(result.diffPixelCount()).isEqualTo(1);
    assertThat(result.diffPercentage()).isEqualTo(100.0);
    assertThat(result.changeKind()).isEqualTo("pixel");
    assertThat(result.ssim()).isBetween(0.0, 1.0);
  }

  @Test
  void shorterCurrentImageIsPaddedAndTheMissingRowsCount() {
    RgbaImage base = page(120, 200, 12);
    RgbaImage shorter = resized(base, 120, 150);

    DiffResult result = PixelDiff.compare(base, shorter, DiffOptions.withDiffImage());

    assertThat(result.sizeMismatch()).isTrue();
    assertThat(result.height()).isEqualTo(200);
    assertThat(result.rowShift()).isEqualTo(50);
    assertThat(result.changeKind()).isEqualTo("layout");
    assertThat(result.diffImage().height()).isEqualTo(200);
  }

  /** Each image is small, but padded to the larger width and height they are 64 million pixels. */
  @Test
  void aWideAndATallImageTooLargeToPadAreRefusedWithBothSizes() {
    RgbaImage wide = filled(8000, 1, 255, 255, 255);
    RgbaImage tall = filled(1, 8000, 255, 255, 255);

    assertThatThrownBy(() -> PixelDiff.compare(wide, tall, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(8000x1)")
        .hasMessageContaining("(1x8000)")
        .hasMessageContaining("8000x8000 = 64,000,000 pixels")
        .hasMessageContaining("over the limit of 50,000,000 pixels");
    assertThat(PixelDiff.compare(wide, filled(8000, 6, 0, 0, 0), DEFAULTS).sizeMismatch()).isTrue();
  }

  @Test
  void rejectsMissingInputsWithAClearMessage() {
    RgbaImage img = filled(2, 2, 0, 0, 0);
    assertThatThrownBy(() -> PixelDiff.compare(null, img, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseline image is null");
    assertThatThrownBy(() -> PixelDiff.compare(img, img, null))
        .hasMessageContaining("DiffOptions.defaults()");
    assertThatThrownBy(() -> new DiffOptions(1.5, true, false))
        .hasMessageContaining("between 0 and 1");
  }

  @Test
  void roundsPercentagesLikePython() {
    assertThat(PixelDiff.round4(1.23456)).isEqualTo(1.2346);
    assertThat(PixelDiff.round4(100.0 / 3)).isEqualTo(33.3333);
    assertThat(PixelDiff.round4(0.00005)).isEqualTo(0.0001); // 0.00005 is slightly above in binary
  }
}
