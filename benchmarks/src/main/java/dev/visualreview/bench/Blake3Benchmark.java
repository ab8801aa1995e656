package dev.visualreview.bench;

import dev.visualreview.image.Blake3;
import java.util.Random;
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

/** BLAKE3 alone, on RGBA buffers the size of 1280x720 and 1920x1080 screenshots. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Blake3Benchmark {
  @Param({"3686400", "8294400"})
  public int bytes;

  private byte[] data;

  @Setup
  public void fill() {
    data = new byte[bytes];
    new Random(1).nextBytes(data);
  }

  @Benchmark
  public byte[] blake3() {
    return Blake3.hash(data);
  }
}
