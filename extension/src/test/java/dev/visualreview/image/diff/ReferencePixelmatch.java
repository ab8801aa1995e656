package dev.visualreview.image.diff;

/**
 * pixelmatch 7.2's counting loop transcribed line by line (no shortcuts), on RGBA byte arrays: the
 * yardstick that {@link PixelMatcher}'s fast paths must agree with exactly.
 */
final class ReferencePixelmatch {
  private ReferencePixelmatch() {}

  static long count(byte[] img1, byte[] img2, int width, int height, DiffOptions options) {
    double maxDelta = 35215 * options.threshold() * options.threshold();
    long diff = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int pos = (y * width + x) * 4;
        double delta =
            pixel(img1, pos) == pixel(img2, pos) ? 0 : colorDelta(img1, img2, pos, pos, false);
        if (Math.abs(delta) > maxDelta) {
          boolean excludedAa =
              options.detectAntiAliasing()
                  && (antialiased(img1, x, y, width, height, img1, img2)
                      || antialiased(img2, x, y, width, height, img2, img1));
          if (!excludedAa) {
            diff++;
          }
        }
      }
    }
    return diff;
  }

  private static int pixel(byte[] img, int pos) {
    return (img[pos] & 0xff)
        | (img[pos + 1] & 0xff) << 8
        | (img[pos + 2] & 0xff) << 16
        | (img[pos + 3] & 0xff) << 24;
  }

  private static boolean antialiased(
      byte[] img, int x1, int y1, int width, int height, byte[] a32, byte[] b32) {
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, 0);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, height - 1);
    int pos = y1 * width + x1;
    int zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
    double min = 0;
    double max = 0;
    int minX = 0;
    int minY = 0;
    int maxX = 0;
    int maxY = 0;
    for (int x = x0; x <= x2; x++) {
      for (int y = y0; y <= y2; y++) {
        if (x == x1 && y == y1) {
          continue;
        }
        double delta = colorDelta(img, img, pos * 4, (y * width + x) * 4, true);
        if (delta == 0) {
          zeroes++;
          if (zeroes > 2) {
            return false;
          }
        } else if (delta < min) {
          min = delta;
          minX = x;
          minY = y;
        } else if (delta > max) {
          max = delta;
          maxX = x;
          maxY = y;
        }
      }
    }
    if (min == 0 || max == 0) {
      return false;
    }
    return (hasManySiblings(a32, minX, minY, width, height)
            && hasManySiblings(b32, minX, minY, width, height))
        || (hasManySiblings(a32, maxX, maxY, width, height)
            && hasManySiblings(b32, maxX, maxY, width, height));
  }

  private static boolean hasManySiblings(byte[] img, int x1, int y1, int width, int height) {
    int x0 = Math.max(x1 - 1, 0);
    int y0 = Math.max(y1 - 1, 0);
    int x2 = Math.min(x1 + 1, width - 1);
    int y2 = Math.min(y1 + 1, height - 1);
    int val = pixel(img, (y1 * width + x1) * 4);
    int zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
    for (int x = x0; x <= x2; x++) {
      for (int y = y0; y <= y2; y++) {
        if (x == x1 && y == y1) {
          continue;
        }
        zeroes += val == pixel(img, (y * width + x) * 4) ? 1 : 0;
        if (zeroes > 2) {
          return true;
        }
      }
    }
    return false;
  }

  private static double colorDelta(byte[] img1, byte[] img2, int k, int m, boolean yOnly) {
    int r1 = img1[k] & 0xff;
    int g1 = img1[k + 1] & 0xff;
    int b1 = img1[k + 2] & 0xff;
    int a1 = img1[k + 3] & 0xff;
    int r2 = img2[m] & 0xff;
    int g2 = img2[m + 1] & 0xff;
    int b2 = img2[m + 2] & 0xff;
    int a2 = img2[m + 3] & 0xff;
    double dr = r1 - r2;
    double dg = g1 - g2;
    double db = b1 - b2;
    int da = a1 - a2;
    if (dr == 0 && dg == 0 && db == 0 && da == 0) {
      return 0;
    }
    if (a1 < 255 || a2 < 255) {
      double rb = 48 + 159 * (k % 2);
      double gb = 48 + 159 * (((int) (k / 1.618033988749895)) % 2);
      double bb = 48 + 159 * (((int) (k / 2.618033988749895)) % 2);
      dr = (r1 * a1 - r2 * a2 - rb * da) / 255;
      dg = (g1 * a1 - g2 * a2 - gb * da) / 255;
      db = (b1 * a1 - b2 * a2 - bb * da) / 255;
    }
    double y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    if (yOnly) {
      return y;
    }
    double i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
    double q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
    double delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
    return y > 0 ? -delta : delta;
  }
}
