package dev.visualreview.image.diff;

import dev.visualreview.image.RgbaImage;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated image pairs for the differential test against pixelmatch 7.2.0 itself: small text
 * edits, moved glyphs, colour nudges around the threshold, semi-transparent pixels, changes at the
 * image's edges and tiny images. Case {@code i} depends only on {@code i} (its own seeded {@link
 * Random}, plain double arithmetic), so the pixels are the same on every JVM and machine.
 *
 * <p>{@code bench/pixelmatch-corpus.sh} dumps the pairs ({@link #main}), counts them with
 * pixelmatch 7.2.0 under Node, and records the counts with a digest of each pair in {@link
 * #RECORDED}; {@link PixelmatchDifferentialTest} regenerates the pairs and replays the recorded
 * counts in the default build without Node.
 */
final class PixelmatchCorpus {

  /**
   * The committed counts: {@code id kind width height threshold aa digest count}, tab-separated.
   */
  static final String RECORDED = "pixelmatch-7.2.0-counts.tsv";

  /** How many cases the committed file holds. */
  static final int DEFAULT_SIZE = 3000;

  private static final long SEED = 0x5eed_7a11_0000L;

  /** One pair with the options pixelmatch is called with. */
  record Case(int id, String kind, RgbaImage a, RgbaImage b, double threshold, boolean detectAa) {
    DiffOptions options() {
      return new DiffOptions(threshold, detectAa, false);
    }

    /** SHA-256 (first 16 hex digits) of the size, options and both images' bytes. */
    String digest() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(
            (a.width() + "x" + a.height() + " " + threshold + " " + detectAa)
                .getBytes(StandardCharsets.US_ASCII));
        sha.update(a.rgba());
        sha.update(b.rgba());
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A recorded line. */
  record Recorded(int id, String kind, String digest, long count) {}

  private PixelmatchCorpus() {}

  private static final String[] KINDS = {
    "text-edit", "moved-glyph", "colour-nudge", "translucent", "edge", "tiny", "noise"
  };

  /** Case {@code id} of the corpus. */
  static Case generate(int id) {
    Random random = new Random(SEED + id * 0x9E3779B97F4A7C15L);
    String kind = KINDS[id % KINDS.length];
    double threshold = pickThreshold(random);
    boolean detectAa = random.nextInt(8) != 0;
    RgbaImage[] pair =
        switch (kind) {
          case "text-edit" -> textEdit(random);
          case "moved-glyph" -> movedGlyph(random);
          case "colour-nudge" -> colourNudge(random, threshold);
          case "translucent" -> translucent(random);
          case "edge" -> edgeChange(random);
          case "tiny" -> tiny(random);
          default -> noise(random);
        };
    return new Case(id, kind, pair[0], pair[1], threshold, detectAa);
  }

  private static double pickThreshold(Random random) {
    int pick = random.nextInt(20);
    if (pick < 12) {
      return 0.1;
    }
    double[] others = {0.0, 0.05, 0.08, 0.12, 0.2, 0.3, 0.5, 1.0};
    return others[pick - 12];
  }

  // ---------------------------------------------------------------- scenes

  /** Lines of anti-aliased glyphs; in the second image a few glyphs of one line are different. */
  private static RgbaImage[] textEdit(Random random) {
    Page page = Page.random(random);
    RgbaImage a = page.render();
    Page edited = page.copy();
    Glyph target = edited.glyphs.get(random.nextInt(edited.glyphs.size()));
    int line = target.line;
    List<Glyph> onLine = edited.glyphs.stream().filter(g -> g.line == line).toList();
    int start = onLine.indexOf(target);
    int edits = 1 + random.nextInt(3);
    for (int i = start; i < Math.min(onLine.size(), start + edits); i++) {
      Glyph g = onLine.get(i);
      int shape;
      do {
        shape = random.nextInt(SHAPES.length);
      } while (shape == g.shape);
      g.shape = shape;
    }
    return new RgbaImage[] {a, edited.render()};
  }

  /** One glyph moved by a fraction of a pixel or a few pixels, or re-rendered a little bolder. */
  private static RgbaImage[] movedGlyph(Random random) {
    Page page = Page.random(random);
    RgbaImage a = page.render();
    Page moved = page.copy();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Glyph g = moved.glyphs.get(random.nextInt(moved.glyphs.size()));
      switch (random.nextInt(4)) {
        case 0 -> g.x += (random.nextInt(17) - 8) / 8.0;
        case 1 -> g.y += (random.nextInt(9) - 4) / 8.0;
        case 2 -> {
          g.x += random.nextInt(7) - 3;
          g.y += random.nextInt(5) - 2;
        }
        default -> g.stroke *= 1.1 + random.nextDouble() * 0.3;
      }
    }
    return new RgbaImage[] {a, moved.render()};
  }

  /**
   * A textured image whose pixels are nudged so that their YIQ distance lands just below, on or
   * just above the threshold.
   */
  private static RgbaImage[] colourNudge(Random random, double threshold) {
    int w = 8 + random.nextInt(72);
    int h = 6 + random.nextInt(50);
    RgbaImage a = gradient(random, w, h);
    byte[] b = a.rgba().clone();
    double maxDelta = 35215 * threshold * threshold;
    double share = 0.05 + random.nextDouble() * 0.6;
    for (int p = 0; p < w * h; p++) {
      if (random.nextDouble() >= share) {
        continue;
      }
      int i = p * 4;
      int r = b[i] & 0xff;
      int g = b[i + 1] & 0xff;
      int bl = b[i + 2] & 0xff;
      double dr = random.nextGaussian();
      double dg = random.nextGaussian();
      double db = random.nextGaussian();
      double unit = Math.abs(yiq(dr, dg, db));
      if (unit < 1e-9) {
        continue;
      }
      // the delta is quadratic in the step: scale so that it lands near maxDelta
      double scale = Math.sqrt(Math.max(maxDelta, 1) / unit) * (0.97 + random.nextDouble() * 0.06);
      b[i] = (byte) clamp(r + (int) Math.round(dr * scale));
      b[i + 1] = (byte) clamp(g + (int) Math.round(dg * scale));
      b[i + 2] = (byte) clamp(bl + (int) Math.round(db * scale));
    }
    return new RgbaImage[] {a, new RgbaImage(w, h, b)};
  }

  /** Semi-transparent text and areas; alpha and colour edits, fully transparent pixels too. */
  private static RgbaImage[] translucent(Random random) {
    Page page = Page.random(random);
    page.alpha = random.nextInt(3) == 0 ? 255 : random.nextInt(256);
    page.textAlpha = random.nextBoolean();
    RgbaImage a = page.render();
    Page edited = page.copy();
    if (random.nextBoolean()) {
      Glyph g = edited.glyphs.get(random.nextInt(edited.glyphs.size()));
      g.shape = (g.shape + 1 + random.nextInt(SHAPES.length - 1)) % SHAPES.length;
    }
    RgbaImage b = edited.render();
    byte[] px = b.rgba();
    int w = b.width();
    int h = b.height();
    int x0 = random.nextInt(w);
    int y0 = random.nextInt(h);
    int x1 = Math.min(w, x0 + 1 + random.nextInt(w));
    int y1 = Math.min(h, y0 + 1 + random.nextInt(h));
    int mode = random.nextInt(3);
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int i = (y * w + x) * 4;
        switch (mode) {
          case 0 -> px[i + 3] = (byte) random.nextInt(256);
          case 1 -> px[i + 3] = (byte) clamp((px[i + 3] & 0xff) + random.nextInt(41) - 20);
          default -> {
            px[i + 3] = 0;
            px[i] = (byte) random.nextInt(256);
          }
        }
      }
    }
    return new RgbaImage[] {a, b};
  }

  /** Text touching the image's edges, edited there: first and last rows and columns. */
  private static RgbaImage[] edgeChange(Random random) {
    Page page = Page.random(random);
    // move whole lines onto the borders
    for (Glyph g : page.glyphs) {
      if (g.line == 0) {
        g.y -= page.lineTop(0) + random.nextInt(4);
      }
    }
    page.glyphs.get(0).x = -random.nextInt(4);
    Glyph last = page.glyphs.get(page.glyphs.size() - 1);
    last.y = page.height - last.size + random.nextInt(4);
    last.x = page.width - last.size * 0.6 + random.nextInt(3);
    RgbaImage a = page.render();
    Page edited = page.copy();
    int[] pick = {0, edited.glyphs.size() - 1, random.nextInt(edited.glyphs.size())};
    for (int i : pick) {
      Glyph g = edited.glyphs.get(i);
      if (random.nextBoolean()) {
        g.shape = (g.shape + 1 + random.nextInt(SHAPES.length - 1)) % SHAPES.length;
      } else {
        g.x += (random.nextInt(9) - 4) / 4.0;
      }
    }
    RgbaImage b = edited.render();
    if (random.nextInt(3) == 0) {
      // a border line of one pixel that changes colour
      byte[] px = b.rgba();
      int w = b.width();
      int row = random.nextBoolean() ? 0 : b.height() - 1;
      int v = random.nextInt(256);
      for (int x = 0; x < w; x++) {
        int i = (row * w + x) * 4;
        px[i] = (byte) v;
        px[i + 1] = (byte) (v / 2);
      }
    }
    return new RgbaImage[] {a, b};
  }

  /** 1x1 to 4x4 and one-pixel-wide or -tall images with random pixels (alpha included). */
  private static RgbaImage[] tiny(Random random) {
    int w;
    int h;
    switch (random.nextInt(3)) {
      case 0 -> {
        w = 1 + random.nextInt(4);
        h = 1 + random.nextInt(4);
      }
      case 1 -> {
        w = 1;
        h = 1 + random.nextInt(40);
      }
      default -> {
        w = 1 + random.nextInt(40);
        h = 1;
      }
    }
    byte[] a = new byte[w * h * 4];
    byte[] b = new byte[w * h * 4];
    int palette = 2 + random.nextInt(4);
    int[] colours = new int[palette];
    for (int i = 0; i < palette; i++) {
      colours[i] = random.nextInt() | (random.nextInt(3) == 0 ? 0 : 0xff000000);
    }
    for (int p = 0; p < w * h; p++) {
      putInt(a, p * 4, colours[random.nextInt(palette)]);
      putInt(b, p * 4, random.nextInt(3) == 0 ? colours[random.nextInt(palette)] : getInt(a, p));
    }
    return new RgbaImage[] {new RgbaImage(w, h, a), new RgbaImage(w, h, b)};
  }

  /** A page with some pixels replaced by near or far colours, some of them translucent. */
  private static RgbaImage[] noise(Random random) {
    Page page = Page.random(random);
    RgbaImage a = page.render();
    byte[] b = a.rgba().clone();
    int share = 2 + random.nextInt(30);
    for (int i = 0; i < b.length; i += 4) {
      if (random.nextInt(100) >= share) {
        continue;
      }
      int spread = random.nextBoolean() ? 12 : 90;
      for (int c = 0; c < 3; c++) {
        b[i + c] = (byte) clamp((b[i + c] & 0xff) + random.nextInt(2 * spread + 1) - spread);
      }
      if (random.nextInt(10) == 0) {
        b[i + 3] = (byte) random.nextInt(256);
      }
    }
    return new RgbaImage[] {a, new RgbaImage(a.width(), a.height(), b)};
  }

  private static RgbaImage gradient(Random random, int w, int h) {
    byte[] px = new byte[w * h * 4];
    int r0 = random.nextInt(256);
    int g0 = random.nextInt(256);
    int b0 = random.nextInt(256);
    int rx = random.nextInt(9) - 4;
    int gy = random.nextInt(9) - 4;
    int bxy = random.nextInt(5) - 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 4;
        px[i] = (byte) clamp(r0 + rx * x + random.nextInt(3) - 1);
        px[i + 1] = (byte) clamp(g0 + gy * y);
        px[i + 2] = (byte) clamp(b0 + bxy * (x + y));
        px[i + 3] = (byte) 255;
      }
    }
    return new RgbaImage(w, h, px);
  }

  private static double yiq(double dr, double dg, double db) {
    double y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    double i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
    double q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
    return 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static void putInt(byte[] px, int i, int v) {
    px[i] = (byte) v;
    px[i + 1] = (byte) (v >>> 8);
    px[i + 2] = (byte) (v >>> 16);
    px[i + 3] = (byte) (v >>> 24);
  }

  private static int getInt(byte[] px, int p) {
    int i = p * 4;
    return (px[i] & 0xff)
        | (px[i + 1] & 0xff) << 8
        | (px[i + 2] & 0xff) << 16
        | (px[i + 3] & 0xff) << 24;
  }

  // ---------------------------------------------------------------- glyphs

  /**
   * Glyph outlines as strokes in a unit box (x 0..0.6, y 0..1): digits and a few letters, curves
   * approximated by short segments. Each entry is a list of polylines {x0, y0, x1, y1, ...}.
   */
  private static final double[][][] SHAPES = {
    {ring(0.3, 0.5, 0.26, 0.45)}, // 0
    {{0.18, 0.2, 0.32, 0.05, 0.32, 0.95}, {0.15, 0.95, 0.48, 0.95}}, // 1
    {{0.08, 0.22, 0.2, 0.07, 0.4, 0.07, 0.52, 0.22, 0.5, 0.4, 0.08, 0.95, 0.55, 0.95}}, // 2
    {{0.08, 0.12, 0.3, 0.05, 0.5, 0.2, 0.3, 0.47, 0.52, 0.7, 0.32, 0.95, 0.06, 0.88}}, // 3
    {{0.45, 0.95, 0.45, 0.05, 0.05, 0.68, 0.58, 0.68}}, // 4
    {{0.52, 0.05, 0.12, 0.05, 0.1, 0.45, 0.38, 0.42, 0.54, 0.66, 0.36, 0.95, 0.07, 0.88}}, // 5
    {{0.48, 0.08, 0.2, 0.2, 0.08, 0.6}, ring(0.3, 0.7, 0.22, 0.25)}, // 6
    {{0.05, 0.05, 0.55, 0.05, 0.22, 0.95}}, // 7
    {ring(0.3, 0.27, 0.2, 0.22), ring(0.3, 0.72, 0.25, 0.23)}, // 8
    {ring(0.3, 0.3, 0.22, 0.25), {0.52, 0.4, 0.4, 0.8, 0.12, 0.92}}, // 9
    {{0.05, 0.95, 0.3, 0.05, 0.55, 0.95}, {0.14, 0.62, 0.46, 0.62}}, // A
    {{0.1, 0.05, 0.1, 0.95, 0.5, 0.95}}, // L
    {{0.05, 0.95, 0.05, 0.05, 0.3, 0.6, 0.55, 0.05, 0.55, 0.95}}, // M
    {{0.05, 0.05, 0.55, 0.05}, {0.3, 0.05, 0.3, 0.95}}, // T
    {{0.3, 0.35, 0.3, 0.95}, {0.3, 0.12, 0.3, 0.16}}, // i
    {{0.05, 0.5, 0.55, 0.5}}, // -
    {{0.25, 0.85, 0.3, 0.9}}, // .
    {{0.05, 0.95, 0.55, 0.05}, ring(0.12, 0.15, 0.07, 0.08), ring(0.48, 0.85, 0.07, 0.08)}, // %
  };

  private static double[] ring(double cx, double cy, double rx, double ry) {
    int n = 20;
    double[] pts = new double[2 * (n + 1)];
    for (int i = 0; i <= n; i++) {
      double t = 2 * Math.PI * i / n;
      pts[2 * i] = cx + rx * StrictMath.cos(t);
      pts[2 * i + 1] = cy + ry * StrictMath.sin(t);
    }
    return pts;
  }

  /** A glyph placed on a page: top-left corner in pixels, height, stroke width. */
  private static final class Glyph {
    int shape;
    int line;
    double x;
    double y;
    double size;
    double stroke;

    Glyph copy() {
      Glyph g = new Glyph();
      g.shape = shape;
      g.line = line;
      g.x = x;
      g.y = y;
      g.size = size;
      g.stroke = stroke;
      return g;
    }
  }

  /** A page: background, text colour, lines of glyphs. */
  private static final class Page {
    int width;
    int height;
    int background;
    int ink;
    int alpha = 255;
    boolean textAlpha;
    boolean subpixel;
    List<Glyph> glyphs = new ArrayList<>();
    List<Double> lineTops = new ArrayList<>();

    static Page random(Random random) {
      Page p = new Page();
      p.width = 24 + random.nextInt(140);
      p.height = 14 + random.nextInt(70);
      boolean dark = random.nextInt(4) == 0;
      p.background = dark ? grey(random, 10, 60) : grey(random, 215, 256);
      p.ink = dark ? grey(random, 180, 256) : grey(random, 0, 90);
      if (random.nextInt(3) == 0) {
        p.ink = random.nextInt() & 0xffffff;
      }
      p.subpixel = random.nextInt(4) == 0;
      double size = 7 + random.nextInt(10) + random.nextInt(4) / 4.0;
      double stroke = 0.7 + random.nextDouble() * 1.4;
      double y = 1 + random.nextInt(4) + random.nextInt(4) / 4.0;
      int line = 0;
      while (y + size < p.height) {
        p.lineTops.add(y);
        double x = 1 + random.nextInt(5) + random.nextInt(4) / 4.0;
        while (x + size * 0.6 < p.width) {
          Glyph g = new Glyph();
          g.shape = random.nextInt(SHAPES.length);
          g.line = line;
          g.x = x;
          g.y = y;
          g.size = size;
          g.stroke = stroke;
          p.glyphs.add(g);
          x += size * 0.6 + 1 + (random.nextInt(6) == 0 ? size * 0.5 : 0);
        }
        y += size + 2 + random.nextInt(8);
        line++;
      }
      if (p.glyphs.isEmpty()) {
        Glyph g = new Glyph();
        g.size = Math.min(size, p.height - 1);
        g.stroke = stroke;
        g.x = 1;
        g.y = 0.5;
        p.glyphs.add(g);
        p.lineTops.add(0.5);
      }
      return p;
    }

    double lineTop(int line) {
      return lineTops.get(line);
    }

    private static int grey(Random random, int from, int to) {
      int v = from + random.nextInt(to - from);
      int tint = random.nextInt(3) == 0 ? random.nextInt(7) - 3 : 0;
      return clamp(v + tint) | v << 8 | clamp(v - tint) << 16;
    }

    Page copy() {
      Page p = new Page();
      p.width = width;
      p.height = height;
      p.background = background;
      p.ink = ink;
      p.alpha = alpha;
      p.textAlpha = textAlpha;
      p.subpixel = subpixel;
      for (Glyph g : glyphs) {
        p.glyphs.add(g.copy());
      }
      p.lineTops.addAll(lineTops);
      return p;
    }

    /**
     * Renders with 4x4 supersampling: a sample is ink when it lies within half the stroke width of
     * a glyph's segment (subpixel: each channel's samples offset by a third of a pixel).
     */
    RgbaImage render() {
      int[][] hits = new int[3][];
      for (int c = 0; c < 3; c++) {
        if (c > 0 && !subpixel) {
          hits[c] = hits[0];
          continue;
        }
        boolean[] samples = new boolean[width * 4 * height * 4];
        for (Glyph g : glyphs) {
          stamp(g, samples, subpixel ? (c - 1) / 3.0 : 0);
        }
        hits[c] = new int[width * height];
        for (int sy = 0; sy < height * 4; sy++) {
          for (int sx = 0; sx < width * 4; sx++) {
            if (samples[sy * width * 4 + sx]) {
              hits[c][(sy >> 2) * width + (sx >> 2)]++;
            }
          }
        }
      }
      byte[] px = new byte[width * height * 4];
      for (int p = 0; p < width * height; p++) {
        int maxHits = 0;
        for (int c = 0; c < 3; c++) {
          int bg = (background >>> (8 * c)) & 0xff;
          int fg = (ink >>> (8 * c)) & 0xff;
          maxHits = Math.max(maxHits, hits[c][p]);
          px[p * 4 + c] = (byte) Math.round(bg + (fg - bg) * (hits[c][p] / 16.0));
        }
        int a = textAlpha ? (int) Math.round(alpha + (255 - alpha) * (maxHits / 16.0)) : alpha;
        px[p * 4 + 3] = (byte) a;
      }
      return new RgbaImage(width, height, px);
    }

    private void stamp(Glyph g, boolean[] samples, double shift) {
      double half = g.stroke / 2;
      int sw = width * 4;
      int sh = height * 4;
      for (double[] line : SHAPES[g.shape]) {
        for (int i = 0; i + 3 < line.length; i += 2) {
          double ax = g.x + line[i] * g.size;
          double ay = g.y + line[i + 1] * g.size;
          double bx = g.x + line[i + 2] * g.size;
          double by = g.y + line[i + 3] * g.size;
          // samples sit at (s + 0.5) / 4 + shift in pixel units
          int sx0 = Math.max(0, (int) Math.floor((Math.min(ax, bx) - half - shift) * 4 - 1));
          int sx1 = Math.min(sw, (int) Math.ceil((Math.max(ax, bx) + half - shift) * 4 + 1));
          int sy0 = Math.max(0, (int) Math.floor((Math.min(ay, by) - half) * 4 - 1));
          int sy1 = Math.min(sh, (int) Math.ceil((Math.max(ay, by) + half) * 4 + 1));
          for (int sy = sy0; sy < sy1; sy++) {
            double fy = (sy + 0.5) / 4;
            for (int sx = sx0; sx < sx1; sx++) {
              double fx = (sx + 0.5) / 4 + shift;
              if (segmentDistanceSquared(fx, fy, ax, ay, bx, by) <= half * half) {
                samples[sy * sw + sx] = true;
              }
            }
          }
        }
      }
    }

    private static double segmentDistanceSquared(
        double px, double py, double ax, double ay, double bx, double by) {
      double dx = bx - ax;
      double dy = by - ay;
      double len = dx * dx + dy * dy;
      double t = len == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len;
      t = Math.max(0, Math.min(1, t));
      double ex = ax + t * dx - px;
      double ey = ay + t * dy - py;
      return ex * ex + ey * ey;
    }
  }

  // ---------------------------------------------------------------- files

  /** Reads the committed (or a given) counts file. */
  static Map<Integer, Recorded> read(List<String> lines) {
    Map<Integer, Recorded> out = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      out.put(
          Integer.parseInt(f[0]),
          new Recorded(Integer.parseInt(f[0]), f[1], f[6], Long.parseLong(f[7])));
    }
    return out;
  }

  /**
   * Writes cases {@code [0, size)} for {@code bench/pixelmatch/count.mjs}: per case, little-endian
   * int32 id, width, height, float64 threshold, uint8 anti-aliasing detection, then both RGBA
   * images.
   */
  static void dump(int size, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    ByteBuffer header = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
    for (int id = 0; id < size; id++) {
      Case c = generate(id);
      header.clear();
      header.putInt(id).putInt(c.a().width()).putInt(c.a().height());
      header.putDouble(c.threshold()).put((byte) (c.detectAa() ? 1 : 0));
      data.write(header.array());
      data.write(c.a().rgba());
      data.write(c.b().rgba());
    }
    data.flush();
  }

  /**
   * What a replay found: one line per disagreement, and on how many pairs {@link
   * PixelDiff#compare}'s reported count was compared too (those where no rows shifted).
   */
  record Replay(List<String> problems, int comparedReported) {}

  /** Compares this project's counts of cases {@code [from, to)} with pixelmatch's. */
  static Replay replay(Map<Integer, Recorded> recorded, int from, int to) {
    List<String> problems = new ArrayList<>();
    int comparedReported = 0;
    for (int id = from; id < to; id++) {
      Recorded r = recorded.get(id);
      if (r == null) {
        problems.add("case " + id + ": no recorded count");
        continue;
      }
      Case c = generate(id);
      String digest = c.digest();
      if (!digest.equals(r.digest())) {
        problems.add(
            "case "
                + id
                + ": the generated pair differs from the recorded one (digest "
                + digest
                + " vs "
                + r.digest()
                + "): the generator changed; re-record with bench/pixelmatch-corpus.sh --record");
        continue;
      }
      DiffOptions options = c.options();
      long naive = PixelDiff.pixelmatchCount(c.a(), c.b(), options);
      long reference =
          ReferencePixelmatch.count(
              c.a().rgba(), c.b().rgba(), c.a().width(), c.a().height(), options);
      DiffResult result = PixelDiff.compare(c.a(), c.b(), options);
      String where = "case " + id + " (" + c.kind() + ", " + describe(c) + "): pixelmatch ";
      if (naive != r.count()) {
        problems.add(where + r.count() + ", PixelDiff.pixelmatchCount " + naive);
      }
      if (reference != r.count()) {
        problems.add(where + r.count() + ", ReferencePixelmatch " + reference);
      }
      if (result.rowShift() == 0) {
        comparedReported++;
        if (result.diffPixelCount() != r.count()) {
          problems.add(where + r.count() + ", PixelDiff.compare " + result.diffPixelCount());
        }
      }
    }
    return new Replay(problems, comparedReported);
  }

  private static String describe(Case c) {
    return c.a().width()
        + "x"
        + c.a().height()
        + ", threshold "
        + c.threshold()
        + (c.detectAa() ? "" : ", no AA detection");
  }

  /**
   * {@code dump SIZE FILE}: writes the pairs for Node ({@code -}: to standard output). {@code
   * record SIZE COUNTS OUT}: joins pixelmatch's counts ({@code id count} lines) with the pairs'
   * digests into OUT, then compares this project's counts with them and exits 1 when any differs.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("dump")) {
      if (args[2].equals("-")) {
        dump(Integer.parseInt(args[1]), System.out);
      } else {
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
          dump(Integer.parseInt(args[1]), out);
        }
      }
      return;
    }
    if (args.length == 4 && args[0].equals("record")) {
      int size = Integer.parseInt(args[1]);
      Map<Integer, Long> counts = new LinkedHashMap<>();
      for (String line : Files.readAllLines(Path.of(args[2]))) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2) {
          counts.put(Integer.parseInt(f[0]), Long.parseLong(f[1]));
        }
      }
      List<String> lines = new ArrayList<>();
      lines.add(
          "# pixelmatch 7.2.0 counts of PixelmatchCorpus's generated pairs, written by"
              + " bench/pixelmatch-corpus.sh");
      lines.add("# id\tkind\twidth\theight\tthreshold\tdetectAa\tdigest\tcount");
      for (int id = 0; id < size; id++) {
        Long count = counts.get(id);
        if (count == null) {
          throw new IllegalStateException("pixelmatch gave no count for case " + id);
        }
        Case c = generate(id);
        lines.add(
            String.join(
                "\t",
                String.valueOf(id),
                c.kind(),
                String.valueOf(c.a().width()),
                String.valueOf(c.a().height()),
                String.valueOf(c.threshold()),
                String.valueOf(c.detectAa()),
                c.digest(),
                String.valueOf(count)));
      }
      Files.write(Path.of(args[3]), lines);
      Replay replay = replay(read(lines), 0, size);
      List<String> problems = replay.problems();
      System.out.printf(
          "%d pairs, %d with counts that differ from pixelmatch 7.2.0 (%d compared on"
              + " PixelDiff.compare's reported count too: no rows shifted)%n",
          size, problems.size(), replay.comparedReported());
      problems.stream().limit(50).forEach(System.out::println);
      System.exit(problems.isEmpty() ? 0 : 1);
    }
    System.err.println(
        "usage: PixelmatchCorpus dump SIZE FILE | record SIZE COUNTS OUT (see"
            + " bench/pixelmatch-corpus.sh)");
    System.exit(2);
  }
}
