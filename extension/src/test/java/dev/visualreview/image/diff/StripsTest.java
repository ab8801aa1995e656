package dev.visualreview.image.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.RgbaImage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StripsTest {

  @Test
  void sumsEveryStripOnceInOrder() {
    assertThat(Strips.sum(1000, true, i -> i)).isEqualTo(999 * 1000 / 2.0);
    assertThat(Strips.sum(7, false, i -> 1.5)).isEqualTo(10.5);
  }

  @Test
  void theCallerRedoesAStripThatAHelperHoldsInsteadOfWaitingForIt() throws Exception {
    Thread caller = Thread.currentThread();
    CountDownLatch release = new CountDownLatch(1);
    ConcurrentHashMap<Integer, Boolean> doneByCaller = new ConcurrentHashMap<>();

    double sum =
        Strips.sum(
            64,
            true,
            i -> {
              if (Thread.currentThread() != caller) {
                // a helper that stalls (as if descheduled) on the first strip it takes
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              } else {
                doneByCaller.put(i, true);
              }
              return i;
            });
    release.countDown();

    assertThat(sum).isEqualTo(63 * 64 / 2.0);
    assertThat(doneByCaller).hasSize(64);
  }

  @Test
  void largeImagesGiveTheSameAnswerInParallelStrips() {
    RgbaImage base = TestImages.page(1024, 600, 11);
    RgbaImage current = TestImages.copy(base);
    TestImages.rect(current, 100, 200, 300, 80, 200, 30, 30);

    DiffResult result = PixelDiff.compare(base, current, DiffOptions.withDiffImage());

    assertThat(result.diffPixelCount())
        .isEqualTo(PixelDiff.pixelmatchCount(base, current, DiffOptions.defaults()));
    assertThat(result.changed()).isTrue();
    assertThat(TestImages.pixel(result.diffImage(), 250, 240)).containsExactly(255, 0, 0, 255);
  }
}
