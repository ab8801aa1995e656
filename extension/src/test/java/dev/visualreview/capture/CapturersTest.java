package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturersTest {

  private static BufferedImage redSquare() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        image.setRGB(x, y, 0xFFFF0000);
      }
    }
    return image;
  }

  @Test
  void bufferedImageIsEncodedAsPngWithItsPixels() throws Exception {
    CapturedImage captured = Capturers.capture(redSquare(), null, "swing");

    assertThat(PngImages.hasPngSignature(captured.png())).isTrue();
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(captured.png()));
    assertThat(decoded.getWidth()).isEqualTo(3);
    assertThat(decoded.getHeight()).isEqualTo(2);
    assertThat(decoded.getRGB(2, 1)).isEqualTo(0xFFFF0000);
    assertThat(captured.metadata().asMap()).containsEntry(CaptureMetadata.ENGINE, "image");
  }

  @Test
  void pngBytesAndPathsArePassedThroughUnchanged(@TempDir Path dir) throws Exception {
    byte[] png = Capturers.capture(redSquare(), null, "a").png();
    Path file = dir.resolve("shot.png");
    Files.write(file, png);

    assertThat(Capturers.capture(png, CaptureOptions.defaults(), "bytes").png()).isEqualTo(png);
    assertThat(Capturers.capture(file, CaptureOptions.defaults(), "file").png()).isEqualTo(png);
  }

  /** A test that reuses its byte array after capturing must not change what is judged. */
  @Test
  void pngBytesAreCopiedSoTheCallerMayReuseTheArray() {
    byte[] png = Capturers.capture(redSquare(), null, "a").png();
    byte[] given = png.clone();

    CapturedImage captured = Capturers.capture(given, CaptureOptions.defaults(), "bytes");
    java.util.Arrays.fill(given, (byte) 0);

    assertThat(captured.png()).isEqualTo(png);
  }

  @Test
  void nonPngInputIsRejectedWithTheReason(@TempDir Path dir) throws Exception {
    Path jpeg = dir.resolve("photo.jpg");
    Files.write(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 0, 0, 0, 0, 0});

    assertThatThrownBy(() -> Capturers.capture("not an image".getBytes(), null, "text"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("is not a PNG");
    assertThatThrownBy(() -> Capturers.capture(new byte[0], null, "empty"))
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> Capturers.capture(jpeg, null, "jpeg"))
        .hasMessageContaining(jpeg.toAbsolutePath().toString())
        .hasMessageContaining("is not a PNG");
    assertThatThrownBy(() -> Capturers.capture(dir.resolve("missing.png"), null, "missing"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void unknownTargetsNameTheSupportedTypes() {
    assertThatThrownBy(() -> Capturers.capture("https://example.com", null, "home"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("snapshot 'home'")
        .hasMessageContaining("cannot capture a java.lang.String")
        .hasMessageContaining("Playwright Page or Locator")
        .hasMessageContaining("Selenium WebDriver or WebElement")
        .hasMessageContaining("BufferedImage");
    assertThatThrownBy(() -> Capturers.capture(null, null, "nothing"))
        .hasMessageContaining("target is null");
  }

  @Test
  void browserOnlyOptionsAreRejectedForImages() {
    assertThatThrownBy(
            () ->
                Capturers.capture(
                    redSquare(), CaptureOptions.builder().mask("#clock").build(), "masked"))
        .hasMessageContaining("masks need a browser target");
    assertThatThrownBy(
            () ->
                Capturers.capture(
                    redSquare(), CaptureOptions.builder().clip(0, 0, 1, 1).build(), "clipped"))
        .hasMessageContaining("crop the image");
  }

  @Test
  void engineTypesAreRecognisedByNameThroughTheHierarchy() {
    assertThat(Capturers.isA(new java.util.ArrayList<>(), "java.util.Collection")).isTrue();
    assertThat(Capturers.isA("x", "com.microsoft.playwright.Page")).isFalse();
  }

  @Test
  void aPathMustBeARegularFileUnderThePngLimit(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.png");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(64L * 1024 * 1024 + 1);
    }

    assertThatThrownBy(() -> Capturers.capture(big, null, "big"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("snapshot 'big'")
        .hasMessageContaining(big.toAbsolutePath().toString())
        .hasMessageContaining("64 MiB");
    assertThatThrownBy(() -> Capturers.capture(dir, null, "folder"))
        .hasMessageContaining(dir.toAbsolutePath().toString())
        .hasMessageContaining("not a regular file");
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
    assertThatThrownBy(() -> Capturers.capture(zero, null, "zero"))
        .hasMessageContaining("/dev/zero")
        .hasMessageContaining("not a regular file");
  }

  @Test
  void aFifoIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("shot.png");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo works");

    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> Capturers.capture(fifo, null, "fifo"))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining(fifo.toAbsolutePath().toString())
                .hasMessageContaining("not a regular file"));
  }

  @Test
  void imagesOverThePngLimitsAreRefusedBeforeAnyWork() {
    byte[] huge = new byte[64 * 1024 * 1024 + 1];
    System.arraycopy(PngImagesSignature.BYTES, 0, huge, 0, PngImagesSignature.BYTES.length);
    assertThatThrownBy(() -> Capturers.capture(huge, null, "huge"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("snapshot 'huge'")
        .hasMessageContaining("64 MiB");

    BufferedImage wide = new BufferedImage(10_000, 5_001, BufferedImage.TYPE_BYTE_BINARY);
    assertThatThrownBy(() -> Capturers.capture(wide, null, "wide"))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("snapshot 'wide'")
        .hasMessageContaining("10000x5001")
        .hasMessageContaining("50000000 pixels");
  }

  /** The PNG file signature. */
  private static final class PngImagesSignature {
    static final byte[] BYTES = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  }
}
