package dev.visualreview.bench;

import dev.visualreview.image.HashCache;
import dev.visualreview.image.ImageHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** A cache hit for an unchanged screenshot: digest of the file bytes plus one small file read. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashCacheBenchmark {
  @Param({"1280x720", "1920x1080"})
  public String size;

  private byte[] png;
  private Path dir;
  private HashCache cache;

  @Setup
  public void prime() throws IOException {
    png = Screenshots.png(size);
    dir = Files.createTempDirectory("visual-review-bench-cache");
    cache = HashCache.open(dir);
    cache.hashOf(png);
  }

  @Benchmark
  public ImageHash cacheHit() {
    return cache.hashOf(png);
  }

  @TearDown
  public void delete() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
