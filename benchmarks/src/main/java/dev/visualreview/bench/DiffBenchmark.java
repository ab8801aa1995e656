package dev.visualreview.bench;

import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.DiffOptions;
import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.image.diff.PixelDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PixelDiff#compare} on 1920x1080 screenshot pairs (identical, slightly changed, heavily
 * changed: the dashboard page of {@code bench/work/shots} when {@code bench/make-workload.sh} has
 * run, otherwise synthetic pages) and on a 1280x16000 full-page pair (a screenshot tiled down the
 * page, with a few changed words near the middle).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class DiffBenchmark {

  @Param({"identical-1920x1080", "slight-1920x1080", "heavy-1920x1080", "slight-1280x16000"})
  public String pair;

  private RgbaImage baseline;
  private RgbaImage current;
  private final DiffOptions options = DiffOptions.defaults();

  @Setup(Level.Trial)
  public void load() {
    String[] parts = pair.split("-");
    String kind = parts[0];
    String size = parts[1];
    if (size.equals("1280x16000")) {
      RgbaImage tile = PngDecoder.decode(Screenshots.png("1280x720"));
      baseline = tiled(tile, 16000, false);
      current = tiled(tile, 16000, true);
      return;
    }
    byte[] basePng = Screenshots.png(size);
    baseline = PngDecoder.decode(basePng);
    current =
        switch (kind) {
          case "identical" -> PngDecoder.decode(basePng.clone());
          case "slight" -> variant(size, "slight", baseline, false);
          default -> variant(size, "heavy", baseline, true);
        };
  }

  @Benchmark
  public DiffResult compare() {
    return PixelDiff.compare(baseline, current, options);
  }

  /** The Chromium variant next to the base screenshot, or a synthetic change of the baseline. */
  private static RgbaImage variant(String size, String name, RgbaImage base, boolean heavy) {
    for (String dir :
        new String[] {
          System.getProperty("visualreview.bench.shots", ""),
          "bench/work/shots",
          "../bench/work/shots"
        }) {
      Path file = Path.of(dir.isEmpty() ? "." : dir, "dashboard-" + size + "-" + name + ".png");
      if (!dir.isEmpty() && Files.isRegularFile(file)) {
        try {
          return PngDecoder.decode(Files.readAllBytes(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    byte[] px = base.rgba().clone();
    if (heavy) {
      for (int i = 0; i < px.length; i += 4) {
        px[i] = (byte) (255 - px[i]);
        px[i + 1] = (byte) (255 - px[i + 1]);
        px[i + 2] = (byte) (255 - px[i + 2]);
      }
    } else {
      markBlock(px, base.width(), base.height() / 3, 40, 200, 18);
    }
    return new RgbaImage(base.width(), base.height(), px);
  }

  /**
   * The tile repeated down to {@code height} rows; the changed copy has a block near the middle.
   */
  static RgbaImage tiled(RgbaImage tile, int height, boolean changed) {
    int stride = tile.width() * 4;
    byte[] px = new byte[stride * height];
    for (int y = 0; y < height; y++) {
      System.arraycopy(tile.rgba(), (y % tile.height()) * stride, px, y * stride, stride);
    }
    if (changed) {
      markBlock(px, tile.width(), height / 2, 60, 240, 16);
    }
    return new RgbaImage(tile.width(), height, px);
  }

  private static void markBlock(byte[] px, int width, int top, int left, int w, int h) {
    for (int y = top; y < top + h; y++) {
      for (int x = left; x < left + w; x++) {
        int p = (y * width + x) * 4;
        px[p] = (byte) 200;
        px[p + 1] = (byte) 30;
        px[p + 2] = (byte) 30;
        px[p + 3] = (byte) 255;
      }
    }
  }
}
