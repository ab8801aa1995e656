package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.storage.LocalSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCacheTest {

  @TempDir Path dir;
  @TempDir Path config;

  private final AtomicInteger decodes = new AtomicInteger();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private LocalSecret secret() {
    return LocalSecret.at(config.resolve("cache-secret"));
  }

  private HashCache cache(Path directory, int maxEntries) {
    return cache(directory, maxEntries, secret());
  }

  private HashCache cache(Path directory, int maxEntries, LocalSecret secret) {
    HashCache cache =
        new HashCache(
            directory,
            secret,
            png -> {
              decodes.incrementAndGet();
              return ContentHash.of(png);
            },
            warnings::add,
            maxEntries);
    cache.prepare();
    return cache;
  }

  private HashCache cache() {
    return cache(dir, HashCache.MAX_ENTRIES);
  }

  private static byte[] png(long seed) {
    return PngDecoderTest.randomImage(30, 20, 6, 8, new Random(seed)).build();
  }

  @Test
  void returnsTheContentHashAndSizeWithoutDecodingOnAHit() {
    byte[] png = png(1);
    ImageHash expected = ContentHash.of(png);

    ImageHash first = cache().hashOf(png);
    ImageHash sameRun = cache().hashOf(png);
    ImageHash nextRun = cache().hashOf(png.clone());

    assertThat(first).isEqualTo(expected);
    assertThat(sameRun).isEqualTo(expected);
    assertThat(nextRun).isEqualTo(expected);
    assertThat(expected.width()).isEqualTo(30);
    assertThat(decodes).hasValue(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void differentFileBytesWithTheSamePixelsAreSeparateEntriesWithTheSameHash() {
    PngBuilder builder = PngDecoderTest.randomImage(30, 20, 6, 8, new Random(2));
    byte[] a = builder.filters(row -> 0).build();
    byte[] b = builder.filters(row -> 4).build();
    HashCache cache = cache();

    assertThat(cache.hashOf(a)).isEqualTo(cache.hashOf(b));
    assertThat(decodes).hasValue(2);
  }

  @Test
  void healsCorruptAndTruncatedEntries() throws IOException {
    byte[] png = png(3);
    ImageHash expected = ContentHash.of(png);
    cache().hashOf(png);
    Path entry = onlyEntry();
    String valid = Files.readString(entry);

    for (String damage :
        List.of(
            "garbage",
            valid.substring(0, valid.length() / 2),
            "",
            valid.replace(expected.contentHash(), "zz" + expected.contentHash().substring(2)),
            valid.replace("\n30\n", "\n-30\n"))) {
      Files.writeString(entry, damage);
      decodes.set(0);

      assertThat(cache().hashOf(png)).isEqualTo(expected);
      assertThat(decodes).as("recomputed after damage %s", damage).hasValue(1);
      assertThat(Files.readString(entry)).isEqualTo(valid);
    }
    Files.write(entry, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
    assertThat(cache().hashOf(png)).isEqualTo(expected);
    assertThat(warnings).isEmpty();
  }

  @Test
  void anEntryForAnotherKeyIsNotTrusted() throws IOException {
    byte[] png = png(4);
    byte[] other = png(5);
    cache().hashOf(png);
    cache().hashOf(other);
    List<Path> entries = entries();
    Files.copy(entries.get(0), entries.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    decodes.set(0);

    assertThat(cache().hashOf(png)).isEqualTo(ContentHash.of(png));
    assertThat(cache().hashOf(other)).isEqualTo(ContentHash.of(other));
    assertThat(decodes).hasValue(1);
  }

  /**
   * Issue 12: rewriting the stored pixel hash of cache entries to the baseline's hash turned 20
   * real changes into a pass. A CI cache is often restored from another branch, so an entry must
   * not be able to change a hash: a rewritten entry is not trusted, whatever else it keeps.
   */
  @Test
  void aTamperedEntryCannotChangeTheHash() throws IOException {
    byte[] changed = png(20);
    byte[] baseline = png(21);
    String baselineHash = ContentHash.of(baseline).contentHash();
    String trueHash = ContentHash.of(changed).contentHash();
    cache().hashOf(changed);
    Path entry = onlyEntry();

    Files.writeString(entry, Files.readString(entry).replace(trueHash, baselineHash));
    decodes.set(0);

    assertThat(cache().hashOf(changed).contentHash()).isEqualTo(trueHash);
    assertThat(decodes).hasValue(1);
    assertThat(Files.readString(entry)).doesNotContain(baselineHash).contains(trueHash);
  }

  /** An entry written with another secret: another machine, or another branch's CI cache. */
  @Test
  void entriesWrittenUnderAnotherSecretAreNotTrusted() throws IOException {
    byte[] png = png(22);
    cache(dir, HashCache.MAX_ENTRIES, LocalSecret.ephemeral()).hashOf(png);
    String foreign = Files.readString(onlyEntry());
    decodes.set(0);

    assertThat(cache().hashOf(png)).isEqualTo(ContentHash.of(png));
    assertThat(decodes).hasValue(1);
    assertThat(Files.readString(onlyEntry())).isNotEqualTo(foreign);
    decodes.set(0);
    assertThat(cache().hashOf(png)).isEqualTo(ContentHash.of(png));
    assertThat(decodes).as("the rewritten entry verifies").hasValue(0);
  }

  /**
   * Every entry of a cache rewritten to claim the baseline's hash, the way issue 12's test did with
   * 20 changed screenshots: every hash stays the true one.
   */
  @Test
  void rewritingEveryEntryToTheBaselinesHashChangesNothing() throws IOException {
    String baselineHash = ContentHash.of(png(99)).contentHash();
    List<byte[]> changed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      changed.add(png(300 + i));
      cache().hashOf(changed.get(i));
    }
    for (Path entry : entries()) {
      List<String> lines = new ArrayList<>(Files.readAllLines(entry));
      lines.set(2, baselineHash);
      Files.write(entry, lines);
    }

    HashCache reopened = cache();
    for (byte[] png : changed) {
      assertThat(reopened.hashOf(png).contentHash()).isNotEqualTo(baselineHash);
      assertThat(reopened.hashOf(png)).isEqualTo(ContentHash.of(png));
    }
  }

  @Test
  void staleTemporaryFilesAreRemovedWhenTheCacheIsOpened() throws IOException {
    cache().hashOf(png(23));
    Path shard = onlyEntry().getParent();
    Path deadWriter =
        Files.writeString(shard.resolve(".vr-" + deadPid() + "-0123456789abcdef.tmp"), "x");
    Path veryOld =
        Files.writeString(
            shard.resolve(".vr-" + ProcessHandle.current().pid() + "-00000000000000aa.tmp"), "x");
    Path legacy = Files.writeString(shard.resolve(".tmp-1234567890"), "x");
    Path fresh =
        Files.writeString(
            shard.resolve(".vr-" + ProcessHandle.current().pid() + "-fedcba9876543210.tmp"), "x");
    Path freshLegacy = Files.writeString(shard.resolve(".tmp-987"), "x");
    Files.setLastModifiedTime(deadWriter, FileTime.from(Instant.now().minusSeconds(120)));
    Files.setLastModifiedTime(veryOld, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
    Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minusSeconds(2 * 3600)));

    cache();

    assertThat(deadWriter).doesNotExist();
    assertThat(veryOld).doesNotExist();
    assertThat(legacy).doesNotExist();
    assertThat(fresh).as("a live writer's file").exists();
    assertThat(freshLegacy).exists();
  }

  /** A process id that is not running now. */
  static long deadPid() throws IOException {
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
              .start();
      p.waitFor(60, TimeUnit.SECONDS);
      return p.pid();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void manyThreadsWithTheirOwnCacheWritingTheSameKeyAgree() throws Exception {
    byte[] png = png(6);
    ImageHash expected = ContentHash.of(png);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ImageHash>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  HashCache own = cache();
                  start.await(10, TimeUnit.SECONDS);
                  ImageHash h = null;
                  for (int k = 0; k < 20; k++) {
                    h = own.hashOf(png);
                  }
                  return h;
                }));
      }
      start.countDown();
      for (Future<ImageHash> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(entries()).hasSize(1);
    decodes.set(0);
    assertThat(cache().hashOf(png)).isEqualTo(expected);
    assertThat(decodes).hasValue(0);
    assertThat(warnings).isEmpty();
  }

  @Test
  void twoJvmsWritingTheSameKeyLeaveOneValidEntry() throws Exception {
    byte[] png = png(7);
    Path file = dir.resolve("shot.png");
    Files.write(file, png);
    Path cacheDir = dir.resolve("cache");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  HashCacheWriterMain.class.getName(),
                  cacheDir.toString(),
                  file.toString(),
                  config.resolve("cache-secret").toString())
              .redirectErrorStream(true)
              .start());
    }
    String expected = ContentHash.of(png).contentHash();
    for (Process p : processes) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output.strip()).isEqualTo(expected);
      assertThat(p.exitValue()).isZero();
    }
    assertThat(cache(cacheDir, HashCache.MAX_ENTRIES).hashOf(png).contentHash())
        .isEqualTo(expected);
    assertThat(decodes).hasValue(0);
  }

  @Test
  void anUnusableDirectoryFallsBackToComputingWithOneWarning() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    HashCache cache = cache(notADirectory.resolve("hashes"), HashCache.MAX_ENTRIES);
    byte[] png = png(8);

    assertThat(cache.hashOf(png)).isEqualTo(ContentHash.of(png));
    assertThat(cache.hashOf(png)).isEqualTo(ContentHash.of(png));
    assertThat(cache.hashOf(png(9))).isEqualTo(ContentHash.of(png(9)));
    assertThat(decodes).hasValue(3);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("plain-file")
        .contains("cannot be used")
        .contains("visualreview.cache.dir");
  }

  @Test
  void invalidImagesAreRefusedAndNotCached() throws IOException {
    byte[] notPng = "hello".getBytes(StandardCharsets.US_ASCII);
    HashCache cache = cache();

    assertThatThrownBy(() -> cache.hashOf(notPng)).isInstanceOf(InvalidImageException.class);
    assertThatThrownBy(() -> cache.hashOf(null)).isInstanceOf(InvalidImageException.class);
    assertThat(entries()).isEmpty();
  }

  @Test
  void prunesTheLeastRecentlyUsedEntriesWhenOverTheBound() throws IOException {
    HashCache cache = cache(dir, 10);
    for (int i = 0; i < 12; i++) {
      cache.hashOf(png(100 + i));
    }
    List<Path> entries = entries();
    for (Path entry : entries) {
      Files.setLastModifiedTime(entry, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    }
    byte[] recent = png(111);
    cache.hashOf(recent); // a hit refreshes an entry older than a day

    cache(dir, 10);

    assertThat(entries()).hasSize(8);
    decodes.set(0);
    cache(dir, 10).hashOf(recent);
    assertThat(decodes).hasValue(0);
  }

  @Test
  void defaultDirectoryFollowsXdgCacheHome() {
    assertThat(HashCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/u"))
        .isEqualTo(Path.of("/var/cache/me/visual-review/hashes"));
    assertThat(HashCache.defaultDirectory(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/visual-review/hashes"));
    assertThat(HashCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/visual-review/hashes"));
  }

  private Path onlyEntry() throws IOException {
    List<Path> entries = entries();
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getParent().getParent().equals(dir))
          .sorted()
          .toList();
    }
  }
}
