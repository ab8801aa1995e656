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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
