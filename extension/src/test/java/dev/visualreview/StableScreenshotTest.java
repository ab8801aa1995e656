package dev.visualreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.image.Blake3;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableScreenshotTest {
  private static final String SUPPORTED =
      "a Playwright Page or Locator, a Selenium WebDriver or WebElement, PNG bytes (byte[]), a"
          + " java.nio.file.Path to a PNG file, or a java.awt.image.BufferedImage";

  /** 3x2 pixels, opaque red except a half-transparent blue pixel at (2, 1). */
  private static BufferedImage image() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        image.setRGB(x, y, 0xFFFF0000);
      }
    }
    image.setRGB(2, 1, 0x800000FF);
    return image;
  }

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** The image's pixels as RGBA8, row by row, written out by hand. */
  private static byte[] rgba() {
    byte[] rgba = new byte[3 * 2 * 4];
    for (int i = 0; i < 6; i++) {
      rgba[i * 4] = (byte) 0xFF;
      rgba[i * 4 + 3] = (byte) 0xFF;
    }
    rgba[20] = 0;
    rgba[22] = (byte) 0xFF;
    rgba[23] = (byte) 0x80;
    return rgba;
  }

  @Test
  void hashesThePixelsAsPostHogDoes() throws Exception {
    StableScreenshot shot = StableScreenshot.of(png(image()));

    assertThat(shot.contentHash()).isEqualTo(Blake3.hex(Blake3.hash(rgba())));
    assertThat(shot.width()).isEqualTo(3);
    assertThat(shot.height()).isEqualTo(2);
    assertThat(shot.toString()).contains("3x2").contains(shot.contentHash());
  }

  @Test
  void theSamePixelsGiveTheSameHashWhateverTheSource(@TempDir Path dir) throws Exception {
    byte[] png = png(image());
    Path file = Files.write(dir.resolve("shot.png"), png);

    String fromBytes = StableScreenshot.of(png).contentHash();
    assertThat(StableScreenshot.of(file).contentHash()).isEqualTo(fromBytes);
    assertThat(StableScreenshot.of(image(), CaptureOptions.defaults()).contentHash())
        .isEqualTo(fromBytes);
  }

  @Test
  void pngIsTheImageAndACopy() throws Exception {
    byte[] original = png(image());
    StableScreenshot shot = StableScreenshot.of(original);

    byte[] first = shot.png();
    assertThat(first).isEqualTo(original);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(first));
    assertThat(decoded.getRGB(0, 0)).isEqualTo(0xFFFF0000);

    Arrays.fill(first, (byte) 0);
    original[original.length - 1] ^= 1;
    assertThat(shot.png()).isEqualTo(png(image()));
  }

  @Test
  void aNullTargetNamesTheSupportedTypes() {
    assertThatThrownBy(() -> StableScreenshot.of(null))
        .isInstanceOf(CaptureException.class)
        .hasMessage(
            "snapshot 'StableScreenshot.of': the capture target is null; pass " + SUPPORTED);
  }

  @Test
  void anUnsupportedTargetNamesItsTypeAndTheSupportedTypes() {
    assertThatThrownBy(() -> StableScreenshot.of("https://example.com"))
        .isInstanceOf(CaptureException.class)
        .hasMessage(
            "snapshot 'StableScreenshot.of': cannot capture a java.lang.String; pass " + SUPPORTED);
  }

  @Test
  void nullOptionsSayWhatToPassInstead() throws Exception {
    byte[] png = png(image());
    assertThatThrownBy(() -> StableScreenshot.of(png, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass CaptureOptions.defaults() or omit the options");
  }

  @Test
  void bytesThatAreNotAPngAreACaptureError() {
    assertThatThrownBy(() -> StableScreenshot.of("GIF89a".getBytes()))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("is not a PNG");
  }

  @Test
  void aCorruptPngIsACaptureErrorThatSaysItCannotBeDecoded() throws Exception {
    byte[] png = png(image());
    byte[] truncated = Arrays.copyOf(png, png.length / 2);

    assertThatThrownBy(() -> StableScreenshot.of(truncated))
        .isInstanceOf(CaptureException.class)
        .hasMessageStartingWith("snapshot 'StableScreenshot.of': the image cannot be decoded: ");
  }
}
