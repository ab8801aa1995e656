package dev.visualreview.image.diff;

import static dev.visualreview.image.diff.TestImages.insertRows;
import static dev.visualreview.image.diff.TestImages.page;
import static dev.visualreview.image.diff.TestImages.rect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.RowAlignment.Kind;
import dev.visualreview.image.diff.RowAlignment.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowAlignmentTest {

  @Test
  void aBandInsertedBetweenChangesNearTopAndBottomIsStillAligned() {
    // the changed first and last text lines leave hundreds of rows to align, far more than the
    // edit budget, so the sampled-pixel precheck runs and must let the pair through
    RgbaImage base = page(300, 400, 5);
    RgbaImage current = insertRows(base, 200, 3, 199);
    rect(current, 10, 4, 20, 8, 200, 0, 0);
    rect(current, 10, 382, 20, 8, 0, 200, 0);

    List<Segment> segments =
        RowAlignment.align(base.rgba(), 400, current.rgba(), 400, base.width());

    assertThat(segments).isNotNull();
    assertThat(segments).anyMatch(s -> s.kind() == Kind.INSERT && s.length() == 3);
    assertThat(segments).anyMatch(s -> s.kind() == Kind.REPLACE);
  }

  @Test
  void contentMovedOverARetintedBackgroundIsNotAligned() {
    RgbaImage base = page(300, 400, 6);
    RgbaImage current = insertRows(page(300, 400, 6), 0, 60, 0);
    byte[] px = current.rgba();
    for (int i = 0; i < px.length; i += 4) {
      px[i + 2] = (byte) ((px[i + 2] & 0xff) ^ 1);
    }

    assertThat(RowAlignment.align(base.rgba(), 400, current.rgba(), 400, base.width())).isNull();
  }
}
