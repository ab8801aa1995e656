package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {

  /** The warm-up runs beside the tests: it must never keep the JVM alive, and it must end. */
  @Test
  void runsOnADaemonThreadThatEnds() throws InterruptedException {
    Thread warmup = Warmup.start();

    assertThat(warmup.isDaemon()).isTrue();
    warmup.join(120_000);
    assertThat(warmup.isAlive()).as("warm-up still running after two minutes").isFalse();
  }
}
