package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.RgbaImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in a JVM with a small heap, given an image too large for it: the image gets a
 * reason with advice, the other files are still done, the exit code is 2, and no stack trace.
 */
class OutOfMemoryTest {

  @TempDir Path dir;
  private Path big;
  private Path bigChanged;
  private Path small;
  private Path smallChanged;

  @BeforeEach
  void writeImages() throws IOException {
    // 4000 x 4000: 64 MB of pixels, far more than the 48 MB heap below; a few KB as a PNG
    big = Files.write(dir.resolve("big.png"), PngEncoder.encode(flat(4000, 4000, (byte) 250)));
    bigChanged =
        Files.write(dir.resolve("big2.png"), PngEncoder.encode(flat(4000, 4000, (byte) 10)));
    small = Files.write(dir.resolve("small.png"), PngEncoder.encode(flat(64, 48, (byte) 250)));
    smallChanged =
        Files.write(dir.resolve("small2.png"), PngEncoder.encode(flat(64, 48, (byte) 0)));
  }

  @Test
  void hashReportsTheImageThatDoesNotFitAndHashesTheOthers() throws Exception {
    Result r = cli("hash", big.toString(), small.toString());

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.out).contains("  " + small).doesNotContain("big.png");
    assertThat(r.err)
        .contains("hash: " + big + ": not enough memory to decode this 4000x4000 image")
        .contains("MB of heap", "-Xmx")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void diffBatchReportsThePairThatDoesNotFitAndComparesTheOthers() throws Exception {
    Path list =
        Files.writeString(
            dir.resolve("pairs.txt"),
            big + " " + bigChanged + "\n" + small + " " + smallChanged + "\n");

    Result r = cli("diff", "--batch", list.toString());

    assertThat(r.exit).isEqualTo(2);
    List<String> lines = r.out.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"error\"", "not enough memory", "4000x4000");
    assertThat(lines.get(1)).contains("\"result\":\"changed\"");
    assertThat(r.err)
        .contains("pairs.txt:1", "not enough memory to compare baseline", "-Xmx")
        .doesNotContain("Exception", "\tat ");
  }

  private record Result(int exit, String out, String err) {}

  private Result cli(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx48m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command finished").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static RgbaImage flat(int width, int height, byte value) {
    byte[] px = new byte[width * height * 4];
    Arrays.fill(px, value);
    for (int i = 3; i < px.length; i += 4) {
      px[i] = (byte) 255;
    }
    return new RgbaImage(width, height, px);
  }
}
