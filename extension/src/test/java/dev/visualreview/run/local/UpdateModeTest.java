package dev.visualreview.run.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpdateModeTest {
  @Test
  void parsesTheFourModesCaseInsensitively() {
    assertThat(UpdateMode.parse("visualreview.update", " Changed ")).isEqualTo(UpdateMode.CHANGED);
    assertThat(UpdateMode.parse("visualreview.update", "all")).isEqualTo(UpdateMode.ALL);
    assertThat(UpdateMode.ALL.value()).isEqualTo("all");
  }

  @Test
  void rejectsOthersNamingKeyValueAndChoices() {
    assertThatThrownBy(() -> UpdateMode.parse("visualreview.update", "yes"))
        .hasMessage(
            "visualreview.update=yes is not an update mode: use none, missing, changed or all");
    assertThatThrownBy(() -> UpdateMode.parse("visualreview.update", null))
        .hasMessageContaining("visualreview.update=null");
  }

  @Test
  void ciNeverInventsBaselinesByDefault() {
    assertThat(UpdateMode.defaultFor(true)).isEqualTo(UpdateMode.NONE);
    assertThat(UpdateMode.defaultFor(false)).isEqualTo(UpdateMode.MISSING);
  }
}
