package dev.visualreview.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BaselineFileTest {
  private static final String CONTENT =
      "48d86c911fd6fd6e2a48af8db025abf65d8d60ca0401ceacf95f5b770f9b8c66";
  private static final String SIGNED =
      "v1.k794b7964." + CONTENT + ".sqElwJeFc4_amLW-0G3ugDLrWN9EGsf7a3NcP6CBO7k";

  @TempDir Path dir;

  private BaselineFile read(String yaml) throws Exception {
    Path file = dir.resolve("snapshots.yml");
    Files.writeString(file, yaml);
    return BaselineFile.read(file);
  }

  @Test
  void readsTheServersFormat() throws Exception {
    BaselineFile file =
        read(
            """
            version: 1
            config:
                api: https://us.posthog.com
                team: '2'
                repo: 3d760a0a-0763-477d-89ee-f1e4e92cdd78
            snapshots:
                tabs-after-close-frozen-chromium-linux:
                    hash: %s
            """
                .formatted(SIGNED));

    assertThat(file.present()).isTrue();
    assertThat(file.api()).contains("https://us.posthog.com");
    assertThat(file.team()).contains("2");
    assertThat(file.repo()).contains("3d760a0a-0763-477d-89ee-f1e4e92cdd78");
    assertThat(file.signedHashes()).containsEntry("tabs-after-close-frozen-chromium-linux", SIGNED);
    assertThat(file.contentHash("tabs-after-close-frozen-chromium-linux")).contains(CONTENT);
    assertThat(file.contentHash("other")).isEmpty();
  }

  @Test
  void unquotedNumericTeamIsReadAsText() throws Exception {
    assertThat(read("version: 1\nconfig:\n  team: 42\nsnapshots: {}\n").team()).contains("42");
  }

  @Test
  void legacyUnsignedHashIsTheWholeValue() throws Exception {
    BaselineFile file = read("version: 1\nsnapshots:\n  a:\n    hash: " + CONTENT + "\n");
    assertThat(file.contentHash("a")).contains(CONTENT);
    assertThat(BaselineFile.contentHashOf("a.b.c")).isEqualTo("a.b.c");
  }

  @Test
  void missingFileOtherVersionsAndNonMappingsCountAsAbsent() throws Exception {
    assertThat(BaselineFile.read(dir.resolve("nope.yml")).present()).isFalse();
    assertThat(read("version: 2\nsnapshots:\n  a:\n    hash: x\n").present()).isFalse();
    assertThat(read("version: '1'\nsnapshots: {}\n").present()).isFalse();
    assertThat(read("- just\n- a list\n").present()).isFalse();
    assertThat(read("").present()).isFalse();
    assertThat(read("snapshots: {}\n").present()).isFalse();
  }

  @Test
  void entriesWithoutAStringHashAreIgnoredAndNullSnapshotsIsEmpty() throws Exception {
    BaselineFile file =
        read(
            "version: 1\nsnapshots:\n  plain: "
                + CONTENT
                + "\n  nohash: {other: 1}\n  nullvalue:\n  numeric:\n    hash: 12\n  ok:\n    hash: "
                + SIGNED
                + "\n");
    assertThat(file.signedHashes()).containsOnlyKeys("ok");
    assertThat(read("version: 1\nsnapshots:\n").signedHashes()).isEmpty();
    assertThat(read("version: 1\n").signedHashes()).isEmpty();
  }

  @Test
  void brokenYamlNamesFileLineAndFix() throws Exception {
    Path file = dir.resolve("snapshots.yml");
    Files.writeString(
        file,
        "version: 1\nsnapshots:\n<<<<<<< HEAD\n  a:\n    hash: x\n=======\n  a:\n    hash: y\n>>>>>>> b\n");
    assertThatThrownBy(() -> BaselineFile.read(file))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageMatching("(?s).*at line \\d+.*")
        .hasMessageContaining("git checkout -- ");
  }

  @Test
  void duplicateIdentifiersAreAnErrorWithTheLine() throws Exception {
    assertThatThrownBy(() -> read("version: 1\nsnapshots:\n  a:\n    hash: x\n  a:\n    hash: y\n"))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("at line 5")
        .hasMessageContaining("duplicate key a");
  }

  /**
   * Issue 12: a 744-byte file whose alias is a mapping key took 1.46 GB and printed 201 MB (the
   * key's text doubles at each of 25 levels). A baseline file needs no alias: any is refused.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anAliasUsedAsAMappingKeyIsRefusedAtOnce() throws Exception {
    StringBuilder yaml = new StringBuilder("version: 1\nl0: &l0 [lol, lol]\n");
    for (int i = 1; i < 25; i++) {
      yaml.append("l").append(i).append(": &l").append(i);
      yaml.append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
    }
    yaml.append("snapshots:\n  ? *l24\n  : {hash: x}\n");
    assertThat(yaml.length()).isLessThan(800);

    assertThatThrownBy(() -> read(yaml.toString()))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining(dir.resolve("snapshots.yml").toString())
        .hasMessageContaining("alias '*l0'")
        .hasMessageContaining("at line 3")
        .hasMessageContaining("a baseline file never needs aliases")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void billionLaughsIsRefused() throws Exception {
    StringBuilder yaml = new StringBuilder("version: 1\na: &a \"lol\"\n");
    String previous = "a";
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = String.valueOf(c);
    }
    yaml.append("snapshots:\n  home: {hash: *j}\n");

    assertThatThrownBy(() -> read(yaml.toString()))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("alias '*a'")
        .hasMessageContaining("a baseline file never needs aliases");
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void deepNestingIsRefusedNamingTheLimit() throws Exception {
    assertThatThrownBy(() -> read("version: 1\nsnapshots: " + "[".repeat(200_000) + "\n"))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("nests deeper than " + BaselineFile.MAX_NESTING + " levels");
    assertThatThrownBy(
            () -> read("version: 1\nsnapshots: " + "{a: ".repeat(1000) + "1" + "}".repeat(1000)))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("nests deeper than");
  }

  /** Issue 12: a 50 MB one-line file was still parsing after 180 s. */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHugeFileIsRefusedBeforeParsing() throws Exception {
    Path file = dir.resolve("snapshots.yml");
    try (var out = Files.newBufferedWriter(file)) {
      out.write("version: 1\nsnapshots: {a: {hash: ");
      char[] chunk = "x".repeat(1 << 16).toCharArray();
      for (int i = 0; i < 50 * 16; i++) {
        out.write(chunk);
      }
      out.write("}}\n");
    }

    assertThatThrownBy(() -> BaselineFile.read(file))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("larger than 4 MiB")
        .hasMessageContaining("about 20,000 snapshots");
  }

  @Test
  void aDeviceOrPipeIsNotReadForever() throws Exception {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
    assertThatThrownBy(() -> BaselineFile.read(zero))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("/dev/zero")
        .hasMessageContaining("not a regular file");
  }

  @Test
  void parsingStopsAtItsDeadline() {
    StringBuilder yaml = new StringBuilder("version: 1\nsnapshots:\n");
    for (int i = 0; i < 2000; i++) {
      yaml.append("  s").append(i).append(":\n    hash: ").append(SIGNED).append('\n');
    }
    assertThatThrownBy(
            () ->
                BaselineFile.parse(
                    yaml.toString(), Path.of("big.yml"), java.time.Duration.ofNanos(1)))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("big.yml")
        .hasMessageContaining("took longer than");
    assertThat(BaselineFile.parse(yaml.toString(), Path.of("big.yml")).signedHashes())
        .hasSize(2000);
  }

  @Test
  void aRealSizedBaselineIsRead() throws Exception {
    StringBuilder yaml = new StringBuilder("version: 1\nsnapshots:\n");
    for (int i = 0; i < 5000; i++) {
      yaml.append("    storybook-story-").append(i).append("--dark--wide:\n");
      yaml.append("        hash: ").append(SIGNED).append('\n');
    }
    assertThat(read(yaml.toString()).signedHashes()).hasSize(5000);
  }

  @Test
  void unsafeTagsAreRejectedNotInstantiated() throws Exception {
    assertThatThrownBy(() -> read("version: 1\nsnapshots: !!java.util.ArrayList []\n"))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("snapshots.yml");
  }
}
