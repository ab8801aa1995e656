package dev.visualreview.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An A/B of the content hash ({@code ContentHash.of}: decode + BLAKE3) between two builds in one
 * JVM, like {@link DiffAB}: each jar in a class loader of its own, every repetition hashes all
 * files with A then with B (in alternating order), so load from other processes falls on both
 * alike. Prints per build the median wall time per file and the mean process CPU time per file
 * (both decoding threads, the JVM's own threads included; summed over all rounds, as the process
 * clock is coarse), and whether both builds give the same hashes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.visualreview.bench.HashAB OLD.jar NEW.jar REPS
 * FILE...} (a jar is any build holding {@code dev.visualreview.image}: a benchmarks.jar or a
 * visual-review.jar)
 */
public final class HashAB {
  private static final long WARMUP_NANOS = 5_000_000_000L;

  private HashAB() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: HashAB OLD.jar NEW.jar REPS FILE...");
      System.exit(2);
    }
    Build old = new Build(Path.of(args[0]));
    Build current = new Build(Path.of(args[1]));
    int reps = Integer.parseInt(args[2]);
    List<byte[]> pngs = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      pngs.add(Files.readAllBytes(Path.of(args[i])));
    }
    long warmupEnd = System.nanoTime() + WARMUP_NANOS;
    while (System.nanoTime() < warmupEnd) {
      old.hashAll(pngs);
      current.hashAll(pngs);
    }
    boolean same = old.hashAll(pngs).equals(current.hashAll(pngs));
    double[][] wall = new double[2][reps];
    double[] cpu = new double[2];
    for (int r = 0; r < reps; r++) {
      for (int b = 0; b < 2; b++) {
        Build build = (r + b) % 2 == 0 ? old : current;
        int slot = build == old ? 0 : 1;
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        build.hashAll(pngs);
        wall[slot][r] = (System.nanoTime() - t0) / 1e6 / pngs.size();
        cpu[slot] += (processCpuNanos() - cpu0) / 1e6 / pngs.size() / reps;
      }
    }
    for (double[] d : wall) {
      Arrays.sort(d);
    }
    System.out.printf(
        Locale.ROOT,
        "%d files, %d rounds | per file: old wall (median) %.3f ms, cpu (mean) %.3f ms | new wall"
            + " %.3f ms, cpu %.3f ms | new/old wall %.3f cpu %.3f | %s%n",
        pngs.size(),
        reps,
        wall[0][reps / 2],
        cpu[0],
        wall[1][reps / 2],
        cpu[1],
        wall[1][reps / 2] / wall[0][reps / 2],
        cpu[1] / cpu[0],
        same ? "same hashes" : "HASHES DIFFER");
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One build's content hash, reached by reflection through its own class loader. */
  private static final class Build {
    private final Method of;
    private final Method hex;

    Build(Path jar) throws Exception {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(jar + " is not a file: pass a jar of a build");
      }
      ClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      of = loader.loadClass("dev.visualreview.image.ContentHash").getMethod("of", byte[].class);
      hex = loader.loadClass("dev.visualreview.image.ImageHash").getMethod("contentHash");
    }

    String hashAll(List<byte[]> pngs) throws Exception {
      StringBuilder hashes = new StringBuilder();
      for (byte[] png : pngs) {
        hashes.append(hex.invoke(of.invoke(null, png))).append(' ');
      }
      return hashes.toString();
    }
  }
}
