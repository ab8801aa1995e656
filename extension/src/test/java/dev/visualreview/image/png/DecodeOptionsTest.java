package dev.visualreview.image.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
class DecodeOptionsTest {

  @AfterEach
  void clear() {
    System.clearProperty(DecodeOptions.THREADS_PROPERTY);
    System.clearProperty(DecodeOptions.INFLATER_PROPERTY);
  }

  @Test
  void withoutSwitchesTheDefaultsApply() {
    assertThat(DecodeOptions.fromSystemProperties()).isEqualTo(DecodeOptions.DEFAULT);
    assertThat(DecodeOptions.DEFAULT.twoThreads()).isTrue();
    assertThat(DecodeOptions.DEFAULT.systemInflater()).isFalse();
  }

  @Test
  void theDocumentedSwitchesAreRead() {
    System.setProperty(DecodeOptions.THREADS_PROPERTY, "1");
    System.setProperty(DecodeOptions.INFLATER_PROPERTY, "system");

    assertThat(DecodeOptions.fromSystemProperties()).isEqualTo(new DecodeOptions(false, true));
  }

  @Test
  void anUnknownValueIsRefusedWithTheAllowedOnes() {
    System.setProperty(DecodeOptions.INFLATER_PROPERTY, "zlib-ng");

    assertThatThrownBy(DecodeOptions::fromSystemProperties)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visualreview.decode.inflater")
        .hasMessageContaining("'zlib-ng'")
        .hasMessageContaining("system and java");
  }
}
