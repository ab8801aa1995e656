package dev.visualreview.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Benchmark inputs: a Chromium screenshot from {@code bench/work/shots} (made by {@code
 * bench/make-workload.sh}) when there is one, otherwise a synthetic page-like image.
 */
final class Screenshots {
  private Screenshots() {}

  /**
   * PNG bytes of a screenshot of the given size ("1280x720" or "1920x1080"). The directory comes
   * from the system property {@code visualreview.bench.shots}, else {@code bench/work/shots} or
   * {@code ../bench/work/shots}.
   */
  static byte[] png(String size) {
    for (String candidate :
        new String[] {
          System.getProperty("visualreview.bench.shots", ""),
          "bench/work/shots",
          "../bench/work/shots"
        }) {
      if (candidate.isEmpty()) {
        continue;
      }
      Path file = Path.of(candidate, "dashboard-" + size + "-base.png");
      if (Files.isRegularFile(file)) {
        try {
          return Files.readAllBytes(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    String[] wh = size.split("x");
    return synthetic(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
  }

  /** A page-like image: header bar, cards, gradients and text, encoded as RGB PNG like Chromium. */
  static byte[] synthetic(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(0xF4F6FA));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x1D4ED8));
    g.fillRect(0, 0, width, 48);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    for (int card = 0; card < 8; card++) {
      int x = 20 + (card % 4) * (width / 4);
      int y = 70 + (card / 4) * (height / 3);
      g.setColor(Color.WHITE);
      g.fillRoundRect(x, y, width / 4 - 30, height / 3 - 30, 12, 12);
      g.setPaint(
          new GradientPaint(x, y + 40, new Color(0x60A5FA), x, y + 200, new Color(0x1D4ED8)));
      for (int bar = 0; bar < 10; bar++) {
        int h = 20 + (bar * 37 + card * 11) % 120;
        g.fillRect(x + 10 + bar * 22, y + 190 - h, 16, h);
      }
      g.setColor(new Color(0x1D2433));
      for (int line = 0; line < 3; line++) {
        g.drawString("Revenue $48,210 +4.1% week " + card + line, x + 12, y + 24 + line * 16);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
