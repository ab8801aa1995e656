package dev.visualreview.run.local;

import dev.visualreview.image.ContentHash;
import dev.visualreview.image.ImageHash;
import dev.visualreview.run.Snapshot;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Small synthetic screenshots for backend tests. */
final class Pngs {
  static final int W = 200;
  static final int H = 100;

  private Pngs() {}

  /** A page: white background, a header bar and a box, drawn by {@code extra} on top. */
  static byte[] page(Color box, Consumer<Graphics2D> extra) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(new Color(30, 30, 60));
    g.fillRect(0, 0, W, 12);
    g.setColor(box);
    g.fillRect(20, 30, 80, 50);
    if (extra != null) {
      extra.accept(g);
    }
    g.dispose();
    return encode(img);
  }

  static byte[] page(Color box) {
    return page(box, null);
  }

  static byte[] encode(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Snapshot snapshot(String id, byte[] png) {
    ImageHash h = ContentHash.of(png);
    return new Snapshot(id, png, h.contentHash(), h.width(), h.height(), Map.of(), "T.m()");
  }

  static String hash(byte[] png) {
    return ContentHash.of(png).contentHash();
  }
}
