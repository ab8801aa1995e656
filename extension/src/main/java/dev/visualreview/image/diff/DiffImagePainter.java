package dev.visualreview.image.diff;

import dev.visualreview.image.diff.RowAlignment.Segment;
import java.util.List;

/**
 * Draws the diff picture: a faded grey copy of the current image (pixelmatch's {@code
 * drawGrayPixel} with alpha 0.1), on which {@link PixelMatcher} paints changed pixels red and
 * anti-aliased ones yellow, and this class marks rows that moved: a blue gutter on the left for
 * rows that are present in both images at a different height, a red tint over inserted rows, and a
 * blue line where deleted rows used to be.
 */
final class DiffImagePainter {

  static final int GUTTER = 6;
  private static final double ALPHA = 0.1;
  private static final int BLUE = 0xffff5a00; // (0, 90, 255) as a little-endian int
  private static final int MAGENTA = 0xffff00c8; // (200, 0, 255)

  private DiffImagePainter() {}

  /** A new RGBA buffer holding the faded grey version of {@code src}. */
  static byte[] fadedCopy(byte[] src, int width, int height) {
    byte[] out = new byte[src.length];
    int stripRows = 64;
    Strips.sum(
        (height + stripRows - 1) / stripRows,
        (long) width * height >= 1 << 18,
        s -> {
          for (int y = s * stripRows; y < Math.min(height, (s + 1) * stripRows); y++) {
            fadeRow(src, out, y * width * 4, (y + 1) * width * 4);
          }
          return 0;
        });
    return out;
  }

  private static void fadeRow(byte[] src, byte[] out, int from, int to) {
    for (int p = from; p < to; p += 4) {
      double luma =
          (src[p] & 0xff) * 0.29889531
              + (src[p + 1] & 0xff) * 0.58662247
              + (src[p + 2] & 0xff) * 0.11448223;
      double value = 255 + (luma - 255) * ALPHA * ((src[p + 3] & 0xff) / 255.0);
      byte v = (byte) Math.max(0, Math.min(255, (int) value));
      out[p] = v;
      out[p + 1] = v;
      out[p + 2] = v;
      out[p + 3] = (byte) 255;
    }
  }

  /** Marks shifted, inserted and deleted rows in current-image coordinates. */
  static void markMovedRows(byte[] out, int width, int height, List<Segment> segments) {
    int gutter = Math.min(GUTTER, width);
    for (Segment s : segments) {
      switch (s.kind()) {
        case EQUAL -> {
          if (s.baselineStart() != s.currentStart()) {
            fill(
                out,
                width,
                s.currentStart(),
                Math.min(height, s.currentStart() + s.length()),
                0,
                gutter,
                BLUE);
          }
        }
        case INSERT -> {
          int end = Math.min(height, s.currentStart() + s.length());
          for (int y = s.currentStart(); y < end; y++) {
            for (int x = 0; x < width; x++) {
              int p = (y * width + x) * 4;
              out[p] = (byte) 255;
              out[p + 1] = (byte) ((out[p + 1] & 0xff) / 2);
              out[p + 2] = (byte) ((out[p + 2] & 0xff) / 2);
            }
          }
          fill(out, width, s.currentStart(), end, 0, gutter, PixelMatcher.RED);
        }
        case DELETE -> {
          int seam = Math.min(s.currentStart(), height - 1);
          fill(out, width, seam, seam + 1, 0, width, MAGENTA);
        }
        default -> {}
      }
    }
  }

  private static void fill(
      byte[] out, int width, int fromRow, int toRow, int fromX, int toX, int colour) {
    for (int y = fromRow; y < toRow; y++) {
      for (int x = fromX; x < toX; x++) {
        PixelMatcher.INTS.set(out, (y * width + x) * 4, colour);
      }
    }
  }
}
