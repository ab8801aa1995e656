package dev.visualreview.bench;

import dev.visualreview.image.ContentHash;
import dev.visualreview.image.ImageHash;
import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.RgbaImage;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/** PNG decode alone, and the full content hash (decode + BLAKE3), of a screenshot. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {
  @Param({"1280x720", "1920x1080"})
  public String size;

  private byte[] png;

  @Setup
  public void load() {
    png = Screenshots.png(size);
  }

  @Benchmark
  public RgbaImage decode() {
    return PngDecoder.decode(png);
  }

  @Benchmark
  public ImageHash contentHash() {
    return ContentHash.of(png);
  }
}
