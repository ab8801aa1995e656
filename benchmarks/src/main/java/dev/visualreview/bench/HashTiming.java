package dev.visualreview.bench;

import dev.visualreview.image.ContentHash;
import dev.visualreview.image.HashCache;
import dev.visualreview.image.ImageHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Java side of {@code bench/compare.sh}: hashes each file repeatedly inside one warm JVM and
 * prints per-file medians as one JSON object (files are read into memory first; the timing covers
 * decode + hash only, like {@code bench/hash-ref.mjs}). With {@code --cache DIR} it also times a
 * cache hit per file.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.visualreview.bench.HashTiming [--warmup-ms MS]
 * [--reps N] [--pause-ms MS] [--cache DIR] FILE...}
 */
public final class HashTiming {
  private HashTiming() {}

  public static void main(String[] args) throws IOException {
    TimingArgs parsed =
        TimingArgs.parseOrExit(
            args,
            Set.of("--warmup-ms", "--reps", "--cache", "--pause-ms"),
            Set.of(),
            "HashTiming [--warmup-ms MS] [--reps N] [--pause-ms MS] [--cache DIR] FILE...");
    long warmupMs = parsed.longValue("--warmup-ms", 3000);
    int reps = (int) parsed.longValue("--reps", 15);
    long pauseMs = parsed.longValue("--pause-ms", 0);
    Path cacheDir = parsed.has("--cache") ? Path.of(parsed.value("--cache")) : null;
    List<String> files = parsed.files();
    List<byte[]> pngs = new ArrayList<>();
    for (String f : files) {
      pngs.add(Files.readAllBytes(Path.of(f)));
    }
    // Warm up by time, not count: the JIT needs a few hundred calls, more on a busy machine.
    long warmupEnd = System.nanoTime() + warmupMs * 1_000_000;
    int warmup = 0;
    while (System.nanoTime() < warmupEnd) {
      for (byte[] png : pngs) {
        ContentHash.of(png);
      }
      warmup++;
    }
    HashCache cache = cacheDir == null ? null : HashCache.open(cacheDir);
    StringBuilder json = TimingArgs.resultsJsonStart(reps, warmup);
    for (int i = 0; i < pngs.size(); i++) {
      byte[] png = pngs.get(i);
      double[] times = new double[reps];
      ImageHash hash = null;
      for (int r = 0; r < reps; r++) {
        pause(pauseMs);
        long t0 = System.nanoTime();
        hash = ContentHash.of(png);
        times[r] = (System.nanoTime() - t0) / 1e6;
      }
      json.append(i == 0 ? "" : ",")
          .append("{\"file\":\"")
          .append(TimingArgs.escape(files.get(i)))
          .append("\",\"hash\":\"")
          .append(hash.contentHash())
          .append("\",\"width\":")
          .append(hash.width())
          .append(",\"height\":")
          .append(hash.height())
          .append(",\"median_ms\":")
          .append(TimingArgs.median(times))
          .append(",\"min_ms\":")
          .append(Arrays.stream(times).min().orElse(0));
      if (cache != null) {
        cache.hashOf(png);
        for (int w = 0; w < 200; w++) {
          cache.hashOf(png);
        }
        double[] hits = new double[reps];
        for (int r = 0; r < reps; r++) {
          pause(pauseMs);
          long t0 = System.nanoTime();
          cache.hashOf(png);
          hits[r] = (System.nanoTime() - t0) / 1e6;
        }
        json.append(",\"cache_hit_median_ms\":").append(TimingArgs.median(hits));
      }
      json.append('}');
    }
    json.append("]}");
    System.out.println(json);
  }

  /** Sleeps between timed repetitions (both harnesses do the same; see BENCHMARKS.md). */
  private static void pause(long ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
