package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.RgbaImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path white;
  private Path whiteAgain;
  private Path blocked;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void writeImages() throws IOException {
    white = png("white.png", image(false));
    whiteAgain = png("white-again.png", image(false));
    blocked = png("blocked.png", image(true));
  }

  @Test
  void identicalPngsPrintAnUnchangedExactResult() throws IOException {
    int code = run("diff", white.toString(), whiteAgain.toString());

    assertThat(code).isZero();
    JsonNode json = JSON.readTree(out());
    assertThat(json.get("result").asText()).isEqualTo("unchanged");
    assertThat(json.get("reason").asText()).isEqualTo("exact");
    assertThat(json.get("diff_percentage").asDouble()).isZero();
    assertThat(json.get("diff_pixel_count").asLong()).isZero();
    assertThat(json.get("ssim").asDouble()).isEqualTo(1.0);
    assertThat(json.get("change_kind").asText()).isEmpty();
    assertThat(json.get("size_mismatch").asBoolean()).isFalse();
    assertThat(json.get("row_shift").asInt()).isZero();
    assertThat(err()).isEmpty();
  }

  /**
   * A file compared with a byte-identical copy is not decoded; the result is what decoding both
   * gives for the same pixels in different bytes (here, the copy with a text chunk added).
   */
  @Test
  void sameBytesGiveTheResultOfDecodingTheSamePixels() throws IOException {
    byte[] bytes = Files.readAllBytes(white);
    Path withText = Files.write(dir.resolve("white-text.png"), withTextChunk(bytes));

    assertThat(run("diff", white.toString(), whiteAgain.toString())).isZero();
    String sameBytes = out().replace(whiteAgain.toString(), "CURRENT");
    stdout.reset();
    assertThat(run("diff", white.toString(), withText.toString())).isZero();
    String samePixels = out().replace(withText.toString(), "CURRENT");

    assertThat(Files.readAllBytes(whiteAgain)).isEqualTo(bytes);
    assertThat(sameBytes).isEqualTo(samePixels).contains("\"reason\":\"exact\"");
  }

  @Test
  void aDamagedFileComparedWithItsCopyIsStillRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(white);
    bytes[bytes.length - 20] ^= 0x5a; // inside the image data: its chunk's CRC no longer matches
    Path damaged = Files.write(dir.resolve("damaged.png"), bytes);
    Path copy = Files.write(dir.resolve("damaged-copy.png"), bytes);

    int code = run("diff", damaged.toString(), copy.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("baseline image", "damaged.png", "not a usable PNG", "CRC");
  }

  @Test
  void changedPairPrintsThePixelCountAndWritesTheDiffImage() throws IOException {
    Path diffPng = dir.resolve("diff.png");

    int code = run("diff", white.toString(), blocked.toString(), "--out", diffPng.toString());

    assertThat(code).as("a comparison that ran is a success").isZero();
    JsonNode json = JSON.readTree(out());
    assertThat(json.get("result").asText()).isEqualTo("changed");
    assertThat(json.get("change_kind").asText()).isEqualTo("pixel");
    assertThat(json.get("diff_pixel_count").asLong()).isEqualTo(600);
    assertThat(json.get("diff_percentage").asDouble()).isEqualTo(3.0);
    RgbaImage diff = PngDecoder.decode(Files.readAllBytes(diffPng));
    assertThat(diff.width()).isEqualTo(200);
    int p = (40 * 200 + 50) * 4;
    assertThat(diff.rgba()[p] & 0xff).isEqualTo(255);
    assertThat(diff.rgba()[p + 1] & 0xff).isZero();
  }

  @Test
  void batchPrintsOneJsonLinePerPair() throws IOException {
    Path list =
        Files.writeString(
            dir.resolve("pairs.txt"),
            "# baseline current\n"
                + white
                + " "
                + whiteAgain
                + "\n"
                + "\n"
                + white
                + "\t"
                + blocked
                + "\n");

    int code = run("diff", "--batch", list.toString());

    assertThat(code).isZero();
    List<String> lines = out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("result").asText()).isEqualTo("unchanged");
    assertThat(JSON.readTree(lines.get(1)).get("result").asText()).isEqualTo("changed");
    assertThat(JSON.readTree(lines.get(1)).get("current").asText()).isEqualTo(blocked.toString());
  }

  @Test
  void batchReportsBadPairsAndExitsTwoButDiffsTheRest() throws IOException {
    Path list =
        Files.writeString(
            dir.resolve("pairs.txt"),
            white + " " + dir.resolve("nope.png") + "\n" + white + " " + blocked + "\n");

    int code = run("diff", "--batch", list.toString());

    assertThat(code).isEqualTo(2);
    List<String> lines = out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("error").asText())
        .contains("nope.png", "does not exist");
    assertThat(JSON.readTree(lines.get(1)).get("result").asText()).isEqualTo("changed");
    assertThat(err()).contains("pairs.txt:1", "does not exist");
  }

  @Test
  void missingFileExitsTwoWithTheReasonOnStderr() {
    int code = run("diff", white.toString(), dir.resolve("missing.png").toString());

    assertThat(code).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("current image", "missing.png", "does not exist");
  }

  @Test
  void notAPngExitsTwoNamingTheFile() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.png"), "hello");

    int code = run("diff", text.toString(), white.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("baseline image", "notes.png", "not a usable PNG");
  }

  /**
   * A 50,000,000 x 1 and a 1 x 50,000,000 image are each within the limit, but padded to a common
   * size they would be 2.5 * 10^15 pixels (this used to end in "integer overflow").
   */
  @Test
  void aPairTooLargeToCompareIsRefusedNamingBothImagesAndTheLimit() throws IOException {
    Path wide = Files.write(dir.resolve("wide.png"), headerOnlyPng(50_000_000, 1));
    Path tall = Files.write(dir.resolve("tall.png"), headerOnlyPng(1, 50_000_000));

    int code = run("diff", wide.toString(), tall.toString());

    assertThat(code).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err())
        .contains("wide.png", "tall.png", "50000000x1", "1x50000000", "50000000x50000000")
        .contains("over the limit of 50,000,000 pixels", "compare images of similar size")
        .doesNotContain("overflow", "Exception");
  }

  @Test
  void batchGoesOnAfterAPairTooLargeToCompare() throws IOException {
    Path wide = Files.write(dir.resolve("wide.png"), headerOnlyPng(50_000_000, 1));
    Path tall = Files.write(dir.resolve("tall.png"), headerOnlyPng(1, 50_000_000));
    Path list =
        Files.writeString(
            dir.resolve("pairs.txt"), wide + " " + tall + "\n" + white + " " + blocked + "\n");

    int code = run("diff", "--batch", list.toString());

    assertThat(code).isEqualTo(2);
    List<String> lines = out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("error").asText())
        .contains("over the limit of 50,000,000 pixels");
    assertThat(JSON.readTree(lines.get(1)).get("result").asText()).isEqualTo("changed");
    assertThat(err()).contains("pairs.txt:1", "50000000x50000000");
  }

  @Test
  void outIntoAMissingFolderCreatesTheFolder() throws IOException {
    Path diffPng = dir.resolve("reports/diffs/home.png");

    int code = run("diff", white.toString(), blocked.toString(), "--out", diffPng.toString());

    assertThat(code).isZero();
    assertThat(err()).isEmpty();
    assertThat(PngDecoder.decode(Files.readAllBytes(diffPng)).width()).isEqualTo(200);
    assertThat(JSON.readTree(out()).get("diff_image").asText()).isEqualTo(diffPng.toString());
  }

  @Test
  void outBelowAFileSaysWhyItCannotBeWritten() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
    Path diffPng = file.resolve("diff.png");

    int code = run("diff", white.toString(), blocked.toString(), "--out", diffPng.toString());

    assertThat(code).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("cannot write diff image", "notes.txt", "not a folder");
  }

  @Test
  void wrongArgumentsExitTwoWithUsage() {
    assertThat(run("diff", white.toString())).isEqualTo(2);
    assertThat(err()).contains("expected two PNG files", "usage: diff");
    assertThat(run("diff", white.toString(), blocked.toString(), "--threshold", "7")).isEqualTo(2);
    assertThat(err()).contains("--threshold must be a number between 0 and 1");
    assertThat(run("diff", "--batch")).isEqualTo(2);
    assertThat(err()).contains("--batch needs a value");
  }

  private int run(String... args) {
    stdout.reset();
    stderr.reset();
    return Main.run(
        List.of(args),
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private Path png(String name, RgbaImage image) throws IOException {
    return Files.write(dir.resolve(name), PngEncoder.encode(image));
  }

  /**
   * A PNG whose header declares the given size, with a few bytes of image data: enough for the
   * sizes to be read, not to decode it.
   */
  static byte[] headerOnlyPng(int width, int height) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1});
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** The PNG with a tEXt chunk inserted before IEND: other bytes, the same pixels. */
  private static byte[] withTextChunk(byte[] png) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, png.length - 12);
    chunk(out, "tEXt", "Comment\0same pixels".getBytes(StandardCharsets.ISO_8859_1));
    out.write(png, png.length - 12, 12);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(name);
    png.writeBytes(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** 200 x 100 white, optionally with a 30 x 20 red block (3 % of the pixels). */
  private static RgbaImage image(boolean block) {
    byte[] px = new byte[200 * 100 * 4];
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 200; x++) {
        int p = (y * 200 + x) * 4;
        boolean red = block && x >= 40 && x < 70 && y >= 30 && y < 50;
        px[p] = (byte) (red ? 220 : 255);
        px[p + 1] = (byte) (red ? 20 : 255);
        px[p + 2] = (byte) (red ? 20 : 255);
        px[p + 3] = (byte) 255;
      }
    }
    return new RgbaImage(200, 100, px);
  }
}
