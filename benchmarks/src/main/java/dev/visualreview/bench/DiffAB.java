package dev.visualreview.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * An A/B of {@code PixelDiff.compare} between two builds in one JVM: each benchmarks jar is loaded
 * in a class loader of its own, and every repetition times A then B on the same pair, so load from
 * other processes falls on both alike. Prints, per pair, the minimum and median wall time of each
 * build and the ratio of the medians. Used for the A/B figures in BENCHMARKS.md on a shared
 * machine. Also says whether both builds return the same result (every field, SSIM bit for bit).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.visualreview.bench.DiffAB OLD.jar NEW.jar REPS BASE
 * CURRENT [BASE CURRENT ...]}
 */
public final class DiffAB {
  private static final long WARMUP_NANOS = 3_000_000_000L;

  private DiffAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || args.length % 2 == 0) {
      System.err.println("usage: DiffAB OLD.jar NEW.jar REPS BASE CURRENT [BASE CURRENT ...]");
      System.exit(2);
    }
    Build old = new Build(Path.of(args[0]));
    Build current = new Build(Path.of(args[1]));
    int reps = Integer.parseInt(args[2]);
    for (int i = 3; i < args.length; i += 2) {
      byte[] first = Files.readAllBytes(Path.of(args[i]));
      byte[] second = Files.readAllBytes(Path.of(args[i + 1]));
      Object[] oldPair = old.decode(first, second);
      Object[] newPair = current.decode(first, second);
      long warmupEnd = System.nanoTime() + WARMUP_NANOS;
      while (System.nanoTime() < warmupEnd) {
        old.compare(oldPair);
        current.compare(newPair);
      }
      String oldResult = old.result(oldPair);
      String newResult = current.result(newPair);
      double[] oldTimes = new double[reps];
      double[] newTimes = new double[reps];
      for (int r = 0; r < reps; r++) {
        oldTimes[r] = old.compare(oldPair);
        newTimes[r] = current.compare(newPair);
      }
      Arrays.sort(oldTimes);
      Arrays.sort(newTimes);
      System.out.printf(
          Locale.ROOT,
          "%-34s old min %7.2f med %7.2f | new min %7.2f med %7.2f | new/old med %.2f | %s%n",
          Path.of(args[i + 1]).getFileName(),
          oldTimes[0],
          oldTimes[reps / 2],
          newTimes[0],
          newTimes[reps / 2],
          newTimes[reps / 2] / oldTimes[reps / 2],
          oldResult.equals(newResult)
              ? "same result"
              : "RESULTS DIFFER: " + oldResult + " vs " + newResult);
    }
  }

  /** One build's decoder and diff, reached by reflection through its own class loader. */
  private static final class Build {
    private final Method decode;
    private final Method compare;
    private final Object options;

    Build(Path jar) throws Exception {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(jar + " is not a file: pass a benchmarks.jar");
      }
      ClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> image = loader.loadClass("dev.visualreview.image.RgbaImage");
      Class<?> diffOptions = loader.loadClass("dev.visualreview.image.diff.DiffOptions");
      decode =
          loader.loadClass("dev.visualreview.image.PngDecoder").getMethod("decode", byte[].class);
      compare =
          loader
              .loadClass("dev.visualreview.image.diff.PixelDiff")
              .getMethod("compare", image, image, diffOptions);
      options = diffOptions.getMethod("defaults").invoke(null);
    }

    Object[] decode(byte[] first, byte[] second) throws Exception {
      return new Object[] {decode.invoke(null, first), decode.invoke(null, second)};
    }

    /** The comparison's result as text (every field, SSIM to the last bit). */
    String result(Object[] pair) throws Exception {
      return String.valueOf(compare.invoke(null, pair[0], pair[1], options));
    }

    /** Milliseconds for one comparison of the pair. */
    double compare(Object[] pair) throws Exception {
      long start = System.nanoTime();
      compare.invoke(null, pair[0], pair[1], options);
      return (System.nanoTime() - start) / 1e6;
    }
  }
}
