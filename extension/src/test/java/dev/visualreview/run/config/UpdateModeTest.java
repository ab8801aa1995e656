package dev.visualreview.run.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdateModeTest {
  @Test
  void valuesAreTheConfigurationWords() {
    assertThat(UpdateMode.ALL.value()).isEqualTo("all");
    assertThat(UpdateMode.CHANGED.value()).isEqualTo("changed");
  }

  @Test
  void ciNeverInventsBaselinesByDefault() {
    assertThat(UpdateMode.defaultFor(true)).isEqualTo(UpdateMode.NONE);
    assertThat(UpdateMode.defaultFor(false)).isEqualTo(UpdateMode.MISSING);
  }
}
