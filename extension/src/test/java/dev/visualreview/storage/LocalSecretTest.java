package dev.visualreview.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretTest {
  @TempDir Path dir;

  @Test
  void isCreatedOnceAndThenReused() throws Exception {
    Path file = dir.resolve("config/visual-review/cache-secret");
    LocalSecret first = LocalSecret.at(file);
    LocalSecret again = LocalSecret.at(file);

    assertThat(first.persistent()).isTrue();
    assertThat(first.mac("entry")).isEqualTo(again.mac("entry")).hasSize(64);
    assertThat(first.mac("entry")).isNotEqualTo(first.mac("entry2"));
    assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
    assertThat(first.toString()).doesNotContain(Files.readString(file).strip());
  }

  @Test
  void aDamagedSecretIsReplaced() throws Exception {
    Path file = dir.resolve("cache-secret");
    Files.writeString(file, "not hex");
    LocalSecret secret = LocalSecret.at(file);
    assertThat(secret.persistent()).isTrue();
    assertThat(LocalSecret.at(file).mac("x")).isEqualTo(secret.mac("x"));
  }

  @Test
  void anUnwritableLocationGivesASecretForThisProcessOnly() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    LocalSecret secret = LocalSecret.at(notADirectory.resolve("cache-secret"));
    assertThat(secret.persistent()).isFalse();
    assertThat(secret.mac("x")).isNotEqualTo(LocalSecret.ephemeral().mac("x"));
  }

  @Test
  void theSecretIsNeverInsideTheCache() {
    for (Map<String, String> env :
        java.util.List.of(
            Map.<String, String>of(),
            Map.of("XDG_CACHE_HOME", "/var/cache/u", "XDG_CONFIG_HOME", "/etc/u"))) {
      CacheLocation location = CacheLocation.of(Optional.empty(), env, "/home/u");
      assertThat(location.secretFile().startsWith(location.root())).as(env.toString()).isFalse();
    }
  }

  /** A cache pointed at the configuration directory would carry the secret along: not used. */
  @Test
  void aCacheAroundTheSecretGetsASecretForThisProcessOnly() {
    Path home = dir.resolve("home");
    CacheLocation location =
        CacheLocation.of(
            Optional.empty(),
            Map.of("VISUALREVIEW_CACHE_DIR", home.resolve(".config").toString()),
            home.toString());
    assertThat(location.secretFor(location.hashes()).persistent()).isFalse();
    assertThat(location.secretFile()).doesNotExist();

    CacheLocation normal = CacheLocation.of(Optional.empty(), Map.of(), home.toString());
    assertThat(normal.secretFor(normal.hashes()).persistent()).isTrue();
    assertThat(normal.secretFile()).exists();
  }
}
