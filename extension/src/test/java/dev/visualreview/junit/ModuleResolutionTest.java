package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.visualreview.ConfigKeys;
import dev.visualreview.VisualReviewFailedError;
import dev.visualreview.junit.suite.CartScreens;
import dev.visualreview.junit.suite.HomeScreens;
import dev.visualreview.run.config.InternalKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines and reports belong to the module of the test classes, not to the working directory
 * (here the extension module, where Surefire runs this test).
 */
class ModuleResolutionTest {
  @TempDir Path workDir;

  private Map<String, String> local() {
    Map<String, String> p = new HashMap<>();
    p.put(ConfigKeys.MODE, "local");
    p.put(InternalKeys.ENVIRONMENT, "empty");
    p.put(ConfigKeys.CACHE_DIR, workDir.resolve("cache").toString());
    return p;
  }

  private static IsolatedSuite.Outcome runBoth(IsolatedSuite suite, Map<String, String> p) {
    return suite.run(
        p,
        List.of(
            selectClass(suite.load(HomeScreens.class)),
            selectClass(suite.load(CartScreens.class))));
  }

  @Test
  void aGradleModuleKeepsItsBaselinesInSrcAndItsReportUnderBuild() {
    IsolatedSuite suite =
        new IsolatedSuite(
            workDir, HomeScreens.class, "app/build/classes/java/test", "app/build.gradle.kts");

    IsolatedSuite.Outcome outcome = runBoth(suite, local());

    assertThat(outcome.failedTests()).isZero();
    Path app = workDir.resolve("app");
    assertThat(app.resolve("src/test/visual-baselines/HomeScreens--landing--hero.png")).exists();
    assertThat(app.resolve("build/visual-review/index.html")).exists();
    assertThat(app.resolve("target")).doesNotExist();
    assertThat(Path.of("src/test/visual-baselines/HomeScreens--landing--hero.png"))
        .as("nothing in the working directory")
        .doesNotExist();
  }

  /** Runs with Surefire's basedir property cleared, as an IDE would. */
  private static IsolatedSuite.Outcome withoutBasedir(
      IsolatedSuite suite, Map<String, String> parameters) {
    String basedir = System.getProperty("basedir");
    System.clearProperty("basedir");
    try {
      return runBoth(suite, parameters);
    } finally {
      if (basedir != null) {
        System.setProperty("basedir", basedir);
      }
    }
  }

  @Test
  void withoutAModuleInCiAnEmptyBaselineFolderStopsTheSuiteInsteadOfPassing() throws Exception {
    IsolatedSuite suite = new IsolatedSuite(workDir, HomeScreens.class, "loose/classes", null);
    String missing = "target/no-baselines-" + UUID.randomUUID() + "/baselines";
    Map<String, String> p = local();
    p.put(InternalKeys.ENVIRONMENT, "only:CI=true");
    p.put(ConfigKeys.BASELINE_DIR, missing);
    p.put(ConfigKeys.REPORT_DIR, workDir.resolve("report").toString());

    IsolatedSuite.Outcome outcome = withoutBasedir(suite, p);

    assertThat(outcome.tests()).isEmpty();
    assertThat(outcome.engineFailure())
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("no baselines at " + Path.of(missing).toAbsolutePath())
        .hasMessageContaining("could not tell which module the tests belong to")
        .hasMessageContaining("resolved against the working directory");
    assertThat(Path.of(missing)).doesNotExist();
  }

  @Test
  void withoutAModuleLocallyBaselinesAreRecordedWhereTheWarningSays() throws Exception {
    IsolatedSuite suite = new IsolatedSuite(workDir, HomeScreens.class, "loose/classes", null);
    Path folder = Path.of("target/guessed-" + UUID.randomUUID());
    Map<String, String> p = local();
    p.put(ConfigKeys.BASELINE_DIR, folder.resolve("baselines").toString());
    p.put(ConfigKeys.REPORT_DIR, workDir.resolve("report").toString());
    try {
      IsolatedSuite.Outcome outcome = withoutBasedir(suite, p);

      assertThat(outcome.failedTests()).isZero();
      Path recorded = folder.resolve("baselines").toAbsolutePath();
      assertThat(outcome.output())
          .contains("could not tell which module the tests belong to")
          .contains(
              "There are no baselines at " + recorded + ": new baselines will be recorded there");
      assertThat(recorded.resolve("HomeScreens--landing--hero.png")).exists();
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void aClassOfAnotherModuleInTheSameRunFailsInsteadOfUsingTheFirstModulesBaselines() {
    IsolatedSuite shop =
        new IsolatedSuite(workDir, HomeScreens.class, "shop/target/test-classes", "shop/pom.xml");
    IsolatedSuite admin =
        new IsolatedSuite(
            workDir,
            dev.visualreview.junit.autosuite.AnnotatedScreens.class,
            "admin/target/test-classes",
            "admin/pom.xml");

    IsolatedSuite.Outcome outcome =
        shop.run(
            local(),
            List.of(
                selectClass(shop.load(HomeScreens.class)),
                selectClass(admin.load(dev.visualreview.junit.autosuite.AnnotatedScreens.class))));

    assertThat(outcome.containerFailures())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("AnnotatedScreens belongs to the module " + workDir.resolve("admin"))
                    .contains(
                        "keeps its baselines and report in the module " + workDir.resolve("shop")));
    assertThat(workDir.resolve("shop/src/test/visual-baselines/HomeScreens--landing--hero.png"))
        .exists();
    assertThat(workDir.resolve("shop/src/test/visual-baselines/AnnotatedScreens--cart--cart.png"))
        .doesNotExist();
  }
}
