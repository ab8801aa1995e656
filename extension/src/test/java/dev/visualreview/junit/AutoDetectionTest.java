package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.visualreview.ConfigKeys;
import dev.visualreview.junit.autosuite.AnnotatedScreens;
import dev.visualreview.junit.autosuite.AutoScreens;
import dev.visualreview.junit.autosuite.PlainChecks;
import dev.visualreview.run.config.InternalKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * With {@code junit.jupiter.extensions.autodetection.enabled=true} the library's extension is
 * registered for every test class: classes that take {@code Snapshots} need no
 * {@code @VisualReview}, and every other class is left alone.
 */
class AutoDetectionTest {
  @TempDir Path workDir;

  private Map<String, String> parameters(boolean autodetection) {
    Map<String, String> p = new HashMap<>();
    p.put(ConfigKeys.MODE, "local");
    p.put(InternalKeys.ENVIRONMENT, "empty");
    p.put(ConfigKeys.CACHE_DIR, workDir.resolve("cache").toString());
    p.put("junit.jupiter.extensions.autodetection.enabled", String.valueOf(autodetection));
    return p;
  }

  @Test
  void classesThatTakeSnapshotsNeedNoAnnotationAndAnnotatedOnesAreNotServedTwice()
      throws Exception {
    IsolatedSuite suite = new IsolatedSuite(workDir, AutoScreens.class);

    IsolatedSuite.Outcome outcome =
        suite.run(
            parameters(true),
            List.of(
                selectClass(suite.load(AutoScreens.class)),
                selectClass(suite.load(AnnotatedScreens.class)),
                selectClass(suite.load(PlainChecks.class))));

    assertThat(outcome.tests().values())
        .hasSize(5)
        .allSatisfy(
            r -> assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
    String result = Files.readString(suite.moduleDir().resolve("target/visual-review/result.json"));
    assertThat(result)
        .contains("\"total\" : 2")
        .contains("AutoScreens--landing--hero")
        .contains("AnnotatedScreens--cart--cart");
  }

  @Test
  void aSuiteWithoutVisualTestsIsUntouched() {
    IsolatedSuite suite = new IsolatedSuite(workDir, AutoScreens.class);

    IsolatedSuite.Outcome outcome =
        suite.run(parameters(true), List.of(selectClass(suite.load(PlainChecks.class))));

    assertThat(outcome.tests()).hasSize(3);
    assertThat(outcome.engineFailure()).isNull();
    assertThat(outcome.output()).doesNotContain("Visual review");
    assertThat(suite.moduleDir().resolve("target/visual-review")).doesNotExist();
  }

  @Test
  void withoutAutoDetectionAClassThatForgotTheAnnotationGetsJunitsError() {
    IsolatedSuite suite = new IsolatedSuite(workDir, AutoScreens.class);

    IsolatedSuite.Outcome outcome =
        suite.run(parameters(false), List.of(selectClass(suite.load(AutoScreens.class))));

    assertThat(outcome.tests().values())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getThrowable().orElseThrow())
                    .hasMessageContaining("No ParameterResolver registered for parameter")
                    .hasMessageContaining("dev.visualreview.Snapshots"));
  }
}
