package dev.visualreview.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Interleaved wall-clock timings of named variants, for the capture cost comparison scripts. */
public final class Timings {
  private final Map<String, Runnable> variants = new LinkedHashMap<>();
  private final Map<String, List<Long>> nanos = new LinkedHashMap<>();

  public Timings add(String name, Runnable variant) {
    variants.put(name, variant);
    nanos.put(name, new ArrayList<>());
    return this;
  }

  /**
   * Runs every variant {@code warmup} times, then {@code rounds} rounds of one call each. Each
   * round runs the variants in a fresh random order (fixed seed), so no variant always follows the
   * same other one: a variant that leaves the browser mid-frame would otherwise bias its successor.
   */
  public Timings run(int warmup, int rounds) {
    for (int i = 0; i < warmup; i++) {
      variants.values().forEach(Runnable::run);
    }
    List<String> order = new ArrayList<>(variants.keySet());
    Random random = new Random(20261126L);
    for (int round = 0; round < rounds; round++) {
      Collections.shuffle(order, random);
      for (String name : order) {
        long start = System.nanoTime();
        variants.get(name).run();
        nanos.get(name).add(System.nanoTime() - start);
      }
    }
    return this;
  }

  public double medianMillis(String name) {
    long[] sorted = sorted(name);
    return sorted[sorted.length / 2] / 1e6;
  }

  /** A Markdown table: variant, median, p90, mean, and median relative to {@code baseline}. */
  public String table(String baseline) {
    StringBuilder out = new StringBuilder();
    out.append("| variant | median ms | p90 ms | mean ms | median vs ")
        .append(baseline)
        .append(" |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    double base = medianMillis(baseline);
    for (String name : variants.keySet()) {
      long[] sorted = sorted(name);
      double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
      double median = medianMillis(name);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %+.1f %% |%n",
              name,
              median,
              sorted[(int) (sorted.length * 0.9)] / 1e6,
              mean,
              (median / base - 1) * 100));
    }
    return out.toString();
  }

  private long[] sorted(String name) {
    return nanos.get(name).stream().mapToLong(Long::longValue).sorted().toArray();
  }
}
