package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {
  private static final String RED_PIXEL =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/VscvDQAAAABJRU5ErkJggg==";
  private static final String RED_PIXEL_HASH =
      "d13ae033ec7ac1cd0e1aba0113e0ecf3ca5723adf50d2276d4df853db063b7f0";
  private static final String GREY =
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR42mNgaGA48R8ABJUCSAzAuJUAAAAASUVORK5CYII=";
  private static final String GREY_HASH =
      "9f62fdbd2d9a3ce39903fa8049c3b1c26435421b74b682d6cf49bbb682749641";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path write(String name, String base64) throws Exception {
    return Files.write(dir.resolve(name), Base64.getDecoder().decode(base64));
  }

  @Test
  void printsOneLinePerFileLikeSha256sum() throws Exception {
    String red = write("red.png", RED_PIXEL).toString();
    String grey = write("grey image.png", GREY).toString();

    int exit = run("hash", red, grey);

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(RED_PIXEL_HASH + "  " + red + "\n" + GREY_HASH + "  " + grey + "\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void badFilesAreReportedOnStderrTheOthersStillHashedAndTheExitCodeIs2() throws Exception {
    String red = write("red.png", RED_PIXEL).toString();
    String missing = dir.resolve("missing.png").toString();
    String text = Files.writeString(dir.resolve("notes.png"), "not an image").toString();
    byte[] truncatedBytes = Base64.getDecoder().decode(GREY);
    String truncated =
        Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(truncatedBytes, 40)).toString();

    int exit = run("hash", missing, red, text, truncated, dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(RED_PIXEL_HASH + "  " + red + "\n");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("hash: " + missing + ": no such file")
        .contains("hash: " + text + ": not a PNG image: bad signature")
        .contains("hash: " + truncated + ": PNG file is truncated")
        .contains("hash: " + dir + ": is a directory");
  }

  @Test
  void noFilesIsAUsageError() {
    assertThat(run("hash")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no files given").contains("usage");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
