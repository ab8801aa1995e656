package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.ContentHash;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path tmp;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int verify(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(
            "VISUALREVIEW_CACHE_DIR", tmp.resolve("cache").toString(),
            "XDG_CONFIG_HOME", tmp.resolve("config").toString()),
        tmp);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static Path png(Path file, Color color) throws Exception {
    BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, color.getRGB());
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  static String hashOf(Path png) throws Exception {
    return ContentHash.of(Files.readAllBytes(png)).contentHash();
  }

  static String signed(String hash) {
    return "v1.k0badcafe." + hash + ".nLLctRtkb0YmsiYDcQmupSK1O6mGn1xdNzcihsIgN0c";
  }

  Path baseline(String... idAndHash) throws Exception {
    StringBuilder y = new StringBuilder("version: 1\nsnapshots:\n");
    for (int i = 0; i < idAndHash.length; i += 2) {
      y.append("    ").append(idAndHash[i]).append(":\n        hash: ").append(idAndHash[i + 1]);
      y.append('\n');
    }
    Path file = tmp.resolve("snapshots.yml");
    Files.writeString(file, y);
    return file;
  }

  @Test
  void allMatching() throws Exception {
    Path dir = tmp.resolve("shots");
    String red = hashOf(png(dir.resolve("button--primary.png"), Color.RED));
    String blue = hashOf(png(dir.resolve("nested/a.b c.png"), Color.BLUE));
    Path yml = baseline("button--primary", signed(red), "a-b-c", blue);

    int code = verify("verify", "--dir", dir.toString(), "--baseline", yml.toString());

    assertThat(code).isZero();
    assertThat(stderr())
        .isEqualTo(
            "Found 2 snapshots, verifying against 2 baselines...\n"
                + "\n2 snapshots — 2 unchanged, 0 changed, 0 new, 0 removed\n"
                + "All snapshots match baseline\n");
    assertThat(out.size()).isZero();
  }

  @Test
  void changedNewAndRemovedAreListedAndExitOne() throws Exception {
    Path dir = tmp.resolve("shots");
    String red = hashOf(png(dir.resolve("same.png"), Color.RED));
    png(dir.resolve("changed.png"), Color.GREEN);
    png(dir.resolve("brand-new.png"), Color.BLUE);
    Path yml = baseline("same", signed(red), "changed", signed(red), "gone", signed(red));

    int code = verify("verify", "--dir=" + dir, "--baseline=" + yml);

    assertThat(code).isEqualTo(1);
    assertThat(stderr())
        .isEqualTo(
            "Found 3 snapshots, verifying against 3 baselines...\n"
                + "\n3 snapshots — 1 unchanged, 1 changed, 1 new, 1 removed\n"
                + "Changed:\n  - changed\n"
                + "New:\n  - brand-new\n"
                + "Removed:\n  - gone\n"
                + "Baseline mismatch — submit a PR to update baselines\n");
  }

  @Test
  void noPngsAndNoBaselinesExitOne() throws Exception {
    Path yml = baseline("a", signed("0".repeat(64)));
    assertThat(
            verify(
                "verify", "--dir", tmp.resolve("missing").toString(), "--baseline", yml.toString()))
        .isEqualTo(1);
    assertThat(stderr()).isEqualTo("No PNGs found in directory\n");

    err.reset();
    Path dir = tmp.resolve("shots");
    png(dir.resolve("a.png"), Color.RED);
    assertThat(
            verify(
                "verify",
                "--dir",
                dir.toString(),
                "--baseline",
                tmp.resolve("none.yml").toString()))
        .isEqualTo(1);
    assertThat(stderr()).isEqualTo("No baseline hashes found — run `vr submit` on a PR first\n");
  }

  @Test
  void duplicateIdentifiersAreACommandFailureNamingBothFiles() throws Exception {
    Path dir = tmp.resolve("shots");
    png(dir.resolve("one/home.png"), Color.RED);
    png(dir.resolve("two/home.png"), Color.BLUE);
    Path yml = baseline("home", signed("0".repeat(64)));

    assertThat(verify("verify", "--dir", dir.toString(), "--baseline", yml.toString()))
        .isEqualTo(2);
    assertThat(stderr())
        .contains("duplicate identifier 'home'")
        .contains(dir.resolve("one/home.png").toString())
        .contains(dir.resolve("two/home.png").toString())
        .contains("rename one");
  }

  @Test
  void badInputIsExitTwoWithTheReason() throws Exception {
    assertThat(verify("verify", "--dir", "x")).isEqualTo(2);
    assertThat(stderr()).contains("--dir and --baseline are required").contains("usage:");
    err.reset();
    assertThat(verify("verify", "--frobnicate")).isEqualTo(2);
    assertThat(stderr()).contains("unknown argument '--frobnicate'");

    err.reset();
    Path dir = tmp.resolve("shots");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("broken.png"), "not a png");
    Path yml = baseline("broken", signed("0".repeat(64)));
    assertThat(verify("verify", "--dir", dir.toString(), "--baseline", yml.toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains(dir.resolve("broken.png").toString());

    err.reset();
    Files.writeString(yml, "version: 1\nsnapshots:\n  a: [\n");
    assertThat(verify("verify", "--dir", dir.toString(), "--baseline", yml.toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("is not valid YAML").contains(yml.toString());
  }

  /**
   * Issue 12: an unreadable PNG whose identifier is not in the baseline was counted as "new" and
   * the command exited 1 (a mismatch) instead of 2 (docs/cli.md: an unreadable PNG is a failure).
   */
  @Test
  void anUnreadablePngExitsTwoEvenWhenItsIdentifierIsNew() throws Exception {
    Path dir = tmp.resolve("shots");
    String red = hashOf(png(dir.resolve("home.png"), Color.RED));
    Files.write(dir.resolve("fresh.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0});
    Path yml = baseline("home", signed(red));

    int code = verify("verify", "--dir", dir.toString(), "--baseline", yml.toString());

    assertThat(code).as(stderr()).isEqualTo(2);
    assertThat(stderr())
        .contains(dir.resolve("fresh.png").toString())
        .doesNotContain("Baseline mismatch");
  }

  /** Issue 12: a 744-byte YAML bomb took 1.46 GB and printed 201 MB in verify. */
  @Test
  @org.junit.jupiter.api.Timeout(
      value = 120,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aYamlBombIsRefusedWithAShortMessage() throws Exception {
    Path dir = tmp.resolve("shots");
    png(dir.resolve("home.png"), Color.RED);
    StringBuilder yaml = new StringBuilder("version: 1\nl0: &l0 [lol, lol]\n");
    for (int i = 1; i < 25; i++) {
      yaml.append("l").append(i).append(": &l").append(i);
      yaml.append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
    }
    yaml.append("snapshots:\n  ? *l24\n  : {hash: x}\n");
    Path yml = tmp.resolve("snapshots.yml");
    Files.writeString(yml, yaml);

    assertThat(verify("verify", "--dir", dir.toString(), "--baseline", yml.toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains(yml.toString()).contains("alias").hasSizeLessThan(2000);
  }

  /**
   * Issue 12: rewriting the pixel hash in the cache entries of 20 changed screenshots to the
   * baseline's hash made verify report 20 unchanged. The verdict must not move.
   */
  @Test
  void aTamperedHashCacheCannotTurnChangesIntoAPass() throws Exception {
    Path dir = tmp.resolve("shots");
    Path baselinePng = png(tmp.resolve("baseline/base.png"), Color.RED);
    String baselineHash = hashOf(baselinePng);
    List<String> idAndHash = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      png(dir.resolve("page" + i + ".png"), new Color(0, 10 * i, 200));
      idAndHash.add("page" + i);
      idAndHash.add(signed(baselineHash));
    }
    Path yml = baseline(idAndHash.toArray(String[]::new));
    assertThat(verify("verify", "--dir", dir.toString(), "--baseline", yml.toString()))
        .isEqualTo(1);
    assertThat(stderr()).contains("20 snapshots — 0 unchanged, 20 changed");

    List<Path> entries;
    try (Stream<Path> files = Files.walk(tmp.resolve("cache/hashes"))) {
      entries = files.filter(Files::isRegularFile).toList();
    }
    assertThat(entries).hasSize(20);
    for (Path entry : entries) {
      List<String> lines = new ArrayList<>(Files.readAllLines(entry));
      lines.set(2, baselineHash);
      Files.write(entry, lines);
    }
    err.reset();

    assertThat(verify("verify", "--dir", dir.toString(), "--baseline", yml.toString()))
        .isEqualTo(1);
    assertThat(stderr()).contains("20 snapshots — 0 unchanged, 20 changed");
  }

  @Test
  void identifiersFollowThePostHogScanner() {
    assertThat(VerifyCommand.identifierOf("button--primary.png")).isEqualTo("button--primary");
    assertThat(VerifyCommand.identifierOf("a.b c.png")).isEqualTo("a-b-c");
    assertThat(VerifyCommand.identifierOf("Ünïcode.PNG")).isEqualTo("-n-code");
  }
}
