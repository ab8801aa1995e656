package dev.visualreview.run.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownSettingsTest {
  @Test
  void aMisspelledKeyIsNamedWithTheClosestKnownOne() {
    assertThat(
            UnknownSettings.warnings(List.of("visualreview.updte", "visualreview.mode"), Set.of()))
        .containsExactly(
            "unknown setting visualreview.updte is ignored; did you mean visualreview.update?"
                + " (all settings: docs/configuration.md)");
  }

  @Test
  void aMisspelledEnvironmentVariableIsNamedToo() {
    assertThat(
            UnknownSettings.warnings(
                Set.of(), List.of("VISUALREVIEW_BASELINEDIR", "VISUALREVIEW_MODE", "PATH")))
        .containsExactly(
            "unknown environment variable VISUALREVIEW_BASELINEDIR is ignored; did you mean"
                + " VISUALREVIEW_BASELINE_DIR?");
  }

  @Test
  void knownAndInternalKeysAndOtherToolsKeysAreQuiet() {
    assertThat(
            UnknownSettings.warnings(
                List.of(
                    "visualreview.posthog.repoId",
                    "visualreview.decode.threads",
                    "visualreview.partial",
                    "visualreview.invocationNames",
                    "visualreview.internal.testFixtures",
                    "junit.jupiter.execution.parallel.enabled"),
                List.of("VISUALREVIEW_POSTHOG_API_KEY", "VISUALREVIEW_INTERNAL_X")))
        .isEmpty();
  }
}
