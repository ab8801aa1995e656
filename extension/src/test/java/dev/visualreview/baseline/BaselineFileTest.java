package dev.visualreview.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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

  @Test
  void unsafeTagsAreRejectedNotInstantiated() throws Exception {
    assertThatThrownBy(() -> read("version: 1\nsnapshots: !!java.util.ArrayList []\n"))
        .isInstanceOf(BaselineFileException.class)
        .hasMessageContaining("snapshots.yml");
  }
}
