package dev.visualreview.bench;

import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.DiffOptions;
import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.image.diff.PixelDiff;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Java side of {@code bench/compare-diff.sh}: compares each pair repeatedly inside one warm JVM
 * with {@link PixelDiff#compare} (the server's full classification: pixelmatch count, row
 * alignment, SSIM; no diff image) and prints one JSON object with per-pair medians, the aligned
 * result and the plain pixelmatch count ({@link PixelDiff#pixelmatchCount}) to check against
 * pixelmatch itself. Images are decoded before timing, as in {@code bench/diff-ref.mjs}.
 *
 * <p>With {@code --memory} it times nothing: it decodes and diffs each pair once, with a diff
 * image, and reports the peak heap used (the sum of the heap pools' peaks, an upper bound) so the
 * script can run it under {@code -Xmx400m}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.visualreview.bench.DiffTiming [--warmup-ms MS]
 * [--pair-warmup-ms MS] [--reps N] [--memory] BASE CURRENT [BASE CURRENT ...]}
 */
public final class DiffTiming {
  private static final int MIN_WARMUP_ROUNDS = 10;

  private DiffTiming() {}

  public static void main(String[] args) throws IOException {
    TimingArgs parsed =
        TimingArgs.parseOrExit(
            args,
            Set.of("--warmup-ms", "--pair-warmup-ms", "--reps"),
            Set.of("--memory"),
            "DiffTiming [--warmup-ms MS] [--pair-warmup-ms MS] [--reps N] [--memory] BASE CURRENT...");
    long warmupMs = parsed.longValue("--warmup-ms", 3000);
    long pairWarmupMs = parsed.longValue("--pair-warmup-ms", 0);
    int reps = (int) parsed.longValue("--reps", 15);
    boolean memory = parsed.has("--memory");
    List<String> files = parsed.files();
    if (files.isEmpty() || files.size() % 2 != 0) {
      System.err.println(
          "usage: DiffTiming [--warmup-ms MS] [--pair-warmup-ms MS] [--reps N] [--memory] BASE CURRENT...");
      System.exit(2);
    }
    if (memory) {
      memory(files);
      return;
    }
    List<RgbaImage[]> pairs = new ArrayList<>();
    for (int i = 0; i < files.size(); i += 2) {
      pairs.add(new RgbaImage[] {decode(files.get(i)), decode(files.get(i + 1))});
    }
    DiffOptions options = DiffOptions.defaults();
    // Warm up by time and by count: the JIT needs a few hundred calls, and on a busy machine a
    // few seconds of wall time may hold little CPU time.
    long warmupEnd = System.nanoTime() + warmupMs * 1_000_000;
    int warmup = 0;
    while (System.nanoTime() < warmupEnd || warmup < MIN_WARMUP_ROUNDS) {
      for (RgbaImage[] pair : pairs) {
        PixelDiff.compare(pair[0], pair[1], options);
      }
      warmup++;
    }
    StringBuilder json = TimingArgs.resultsJsonStart(reps, warmup);
    for (int p = 0; p < pairs.size(); p++) {
      RgbaImage[] pair = pairs.get(p);
      double[] times = new double[reps];
      DiffResult result = null;
      // The pair itself right before its timing: after the other pairs, the JIT may recompile for
      // this one's profile, and that belongs to the warm-up, not to the timed repetitions.
      long pairWarmupEnd = System.nanoTime() + pairWarmupMs * 1_000_000;
      for (int w = 0; System.nanoTime() < pairWarmupEnd || (pairWarmupMs > 0 && w < 5); w++) {
        PixelDiff.compare(pair[0], pair[1], options);
      }
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        result = PixelDiff.compare(pair[0], pair[1], options);
        times[r] = (System.nanoTime() - t0) / 1e6;
      }
      long pixelmatchCount =
          pair[0].width() == pair[1].width() && pair[0].height() == pair[1].height()
              ? PixelDiff.pixelmatchCount(pair[0], pair[1], options)
              : -1;
      json.append(p == 0 ? "" : ",")
          .append("{\"base\":\"")
          .append(TimingArgs.escape(files.get(2 * p)))
          .append("\",\"current\":\"")
          .append(TimingArgs.escape(files.get(2 * p + 1)))
          .append("\",\"width\":")
          .append(result.width())
          .append(",\"height\":")
          .append(result.height())
          .append(",\"median_ms\":")
          .append(TimingArgs.median(times))
          .append(",\"pixelmatch_count\":")
          .append(pixelmatchCount)
          .append(",\"result\":\"")
          .append(result.result())
          .append("\",\"reason\":\"")
          .append(result.reason())
          .append("\",\"change_kind\":\"")
          .append(result.changeKind())
          .append("\",\"diff_pixel_count\":")
          .append(result.diffPixelCount())
          .append(",\"diff_percentage\":")
          .append(result.diffPercentage())
          .append(",\"ssim\":")
          .append(String.format(Locale.ROOT, "%.6f", result.ssim()))
          .append(",\"row_shift\":")
          .append(result.rowShift())
          .append('}');
    }
    json.append("]}");
    System.out.println(json);
  }

  private static void memory(List<String> files) throws IOException {
    StringBuilder json = new StringBuilder("{\"max_heap_mb\":");
    json.append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(",\"results\":[");
    for (int i = 0; i < files.size(); i += 2) {
      resetPeaks();
      RgbaImage a = decode(files.get(i));
      RgbaImage b = decode(files.get(i + 1));
      long afterDecode = peakHeapBytes();
      resetPeaks();
      DiffResult result = PixelDiff.compare(a, b, DiffOptions.withDiffImage());
      long duringDiff = peakHeapBytes();
      json.append(i == 0 ? "" : ",")
          .append("{\"base\":\"")
          .append(TimingArgs.escape(files.get(i)))
          .append("\",\"width\":")
          .append(result.width())
          .append(",\"height\":")
          .append(result.height())
          .append(",\"peak_heap_mb_decoding\":")
          .append(afterDecode / (1024 * 1024))
          .append(",\"peak_heap_mb_diffing\":")
          .append(duringDiff / (1024 * 1024))
          .append(",\"result\":\"")
          .append(result.result())
          .append("\"}");
    }
    json.append("]}");
    System.out.println(json);
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static RgbaImage decode(String file) throws IOException {
    return PngDecoder.decode(Files.readAllBytes(Path.of(file)));
  }
}
