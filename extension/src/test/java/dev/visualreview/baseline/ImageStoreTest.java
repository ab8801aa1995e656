package dev.visualreview.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
  @TempDir Path dir;

  static String hash(char c) {
    return String.valueOf(c).repeat(64);
  }

  @Test
  void storesByContentHashAndFindsIt() throws Exception {
    ImageStore store = ImageStore.open(dir, 1_000_000);
    store.put(hash('a'), new byte[] {1, 2, 3});
    store.put(hash('a'), new byte[] {9}); // same hash, same pixels: first copy kept

    assertThat(store.find(hash('a')))
        .hasValueSatisfying(
            p -> {
              assertThat(p).isEqualTo(dir.resolve("aa").resolve(hash('a') + ".png"));
              assertThat(p).hasBinaryContent(new byte[] {1, 2, 3});
            });
    assertThat(store.find(hash('b'))).isEmpty();
    assertThat(store.find("../../etc/passwd")).isEmpty();
    assertThatThrownBy(() -> store.put("ABC", new byte[1]))
        .hasMessageContaining("not a content hash");
  }

  @Test
  void pruneDeletesLeastRecentlyUsedUntilUnderTheLimit() throws Exception {
    ImageStore store = ImageStore.open(dir, 250);
    for (char c : new char[] {'a', 'b', 'c'}) {
      store.put(hash(c), new byte[100]);
    }
    Files.setLastModifiedTime(
        store.find(hash('a')).orElseThrow(), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Files.setLastModifiedTime(
        dir.resolve("bb").resolve(hash('b') + ".png"),
        FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));

    assertThat(store.prune()).isEqualTo(1);
    assertThat(store.find(hash('a'))).isEmpty();
    assertThat(store.find(hash('b'))).isPresent();
    assertThat(store.find(hash('c'))).isPresent();
  }

  /** Issue 12: {@code kill -9} mid-run left {@code *.tmp} files in the cache forever. */
  @Test
  void openingTheStoreRemovesWhatKilledWritersLeft() throws Exception {
    Path shard = Files.createDirectories(dir.resolve("aa"));
    Path killed = stale(shard.resolve(".vr-" + deadPid() + "-0123456789abcdef.tmp"), 10);
    Path legacy = stale(shard.resolve(hash('a') + "8123456789012345678.tmp"), 180);
    Path live =
        stale(shard.resolve(".vr-" + ProcessHandle.current().pid() + "-fedcba9876543210.tmp"), 10);
    Path image = stale(shard.resolve(hash('a') + ".png"), 600);

    ImageStore.open(dir, 1_000_000);

    assertThat(killed).doesNotExist();
    assertThat(legacy).doesNotExist();
    assertThat(live).exists();
    assertThat(image).exists();
  }

  static Path stale(Path file, long minutesOld) throws Exception {
    Files.write(file, new byte[] {1});
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(minutesOld * 60)));
    return file;
  }

  static long deadPid() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    return p.pid();
  }

  @Test
  void defaultDirectoryFollowsTheEnvironment() {
    assertThat(ImageStore.defaultDirectory(Map.of("VISUALREVIEW_CACHE_DIR", "/c")))
        .isEqualTo(Path.of("/c/images"));
    assertThat(ImageStore.defaultDirectory(Map.of("XDG_CACHE_HOME", "/x")))
        .isEqualTo(Path.of("/x/visual-review/images"));
    assertThat(ImageStore.defaultDirectory(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "visual-review", "images"));
  }
}
