package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.visualreview.ConfigKeys;
import dev.visualreview.VisualReviewFailedError;
import dev.visualreview.junit.suite.CartScreens;
import dev.visualreview.junit.suite.HomeScreens;
import dev.visualreview.junit.suite.SuitePngs;
import dev.visualreview.run.config.InternalKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;

/**
 * Runs of part of a suite, through the JUnit Platform launcher as Maven, Gradle and IDEs run tests:
 * only a run of the whole suite reports (and with {@code update=all} deletes) baselines no test
 * produced. The suite is {@code dev.visualreview.junit.suite} (HomeScreens: landing, footer, guide;
 * CartScreens: cart, checkout), in a module folder of its own.
 */
class PartialRunTest {
  @TempDir Path workDir;
  private IsolatedSuite suite;
  private Path baselines;

  private static final List<String> SNAPSHOTS =
      List.of(
          "HomeScreens--landing--hero",
          "HomeScreens--footer--footer",
          "HomeScreens--guide--guide",
          "CartScreens--cart--cart",
          "CartScreens--checkout--checkout");

  @BeforeEach
  void commitBaselines() throws Exception {
    suite = new IsolatedSuite(workDir, HomeScreens.class);
    baselines = Files.createDirectories(suite.moduleDir().resolve("src/test/visual-baselines"));
    for (int i = 0; i < SNAPSHOTS.size(); i++) {
      Files.write(baselines.resolve(SNAPSHOTS.get(i) + ".png"), SuitePngs.png(i + 1));
    }
    // produced by no test any more: only a whole run may report (and prune) it
    Files.write(baselines.resolve("HomeScreens--retired--banner.png"), SuitePngs.png(9));
  }

  private Map<String, String> local(String update) {
    Map<String, String> p = new HashMap<>();
    p.put(ConfigKeys.MODE, "local");
    p.put(ConfigKeys.UPDATE, update);
    p.put(InternalKeys.ENVIRONMENT, "empty");
    p.put(ConfigKeys.CACHE_DIR, workDir.resolve("cache").toString());
    return p;
  }

  private String result() throws Exception {
    return Files.readString(suite.moduleDir().resolve("target/visual-review/result.json"));
  }

  private IsolatedSuite.Outcome runWhole(String update) {
    return suite.run(
        local(update),
        List.of(
            selectClass(suite.load(HomeScreens.class)),
            selectClass(suite.load(CartScreens.class))));
  }

  @Test
  void wholeSuiteSelectedClassByClassReportsTheBaselineNoTestProduces() throws Exception {
    IsolatedSuite.Outcome outcome = runWhole("none");

    assertThat(outcome.failedTests()).isZero();
    assertThat(outcome.output()).doesNotContain("partial run");
    assertThat(result()).contains("\"removed\" : 1").contains("HomeScreens--retired--banner");
    assertThat(outcome.engineFailure()).isInstanceOf(VisualReviewFailedError.class);
  }

  @Test
  void wholeSuiteSelectedByPackagePrunesWithUpdateAll() throws Exception {
    IsolatedSuite.Outcome outcome =
        suite.run(local("all"), List.of(selectPackage(HomeScreens.class.getPackageName())));

    assertThat(outcome.failedTests()).isZero();
    assertThat(outcome.output()).doesNotContain("partial run");
    assertThat(baselines.resolve("HomeScreens--retired--banner.png")).doesNotExist();
    assertThat(baselines.resolve("CartScreens--cart--cart.png")).exists();
  }

  @Test
  void oneMethodPassesAndReportsNothingRemoved() throws Exception {
    IsolatedSuite.Outcome outcome =
        suite.run(
            local("none"),
            List.of(
                selectMethod(
                    suite.load(HomeScreens.class), "landing", "dev.visualreview.Snapshots")));

    assertThat(outcome.engineFailure()).isNull();
    assertThat(outcome.tests()).hasSize(1);
    assertThat(result()).contains("\"removed\" : 0").contains("\"verdict\" : \"pass\"");
    assertThat(outcome.output())
        .contains(
            "Visual review: partial run: 1 of 2 visual test classes did not run (CartScreens)")
        .contains(
            "tests of the classes that ran were left out (HomeScreens.footer(), HomeScreens.guide())");
  }

  @Test
  void oneMethodWithUpdateAllDeletesNoBaseline() {
    suite.run(
        local("all"),
        List.of(
            selectMethod(suite.load(HomeScreens.class), "landing", "dev.visualreview.Snapshots")));

    for (String id : SNAPSHOTS) {
      assertThat(baselines.resolve(id + ".png")).exists();
    }
    assertThat(baselines.resolve("HomeScreens--retired--banner.png")).exists();
  }

  @Test
  void oneClassAsSurefireSelectsItIsPartial() throws Exception {
    IsolatedSuite.Outcome outcome =
        suite.run(local("all"), List.of(selectClass(suite.load(HomeScreens.class))));

    assertThat(outcome.engineFailure()).isNull();
    assertThat(outcome.output()).contains("1 of 2 visual test classes did not run (CartScreens)");
    assertThat(baselines.resolve("HomeScreens--retired--banner.png")).exists();
  }

  /** Surefire turns {@code -Dtest=HomeScreens#landing} into class selectors and a method filter. */
  @Test
  void methodFilterAsSurefireAndGradleSendItIsPartial() throws Exception {
    PostDiscoveryFilter onlyLanding =
        descriptor ->
            descriptor.getSource().filter(MethodSource.class::isInstance).isEmpty()
                    || ((MethodSource) descriptor.getSource().get())
                        .getMethodName()
                        .equals("landing")
                ? FilterResult.included("landing")
                : FilterResult.excluded("not landing");

    IsolatedSuite.Outcome outcome =
        suite.run(
            local("none"),
            List.of(
                selectClass(suite.load(HomeScreens.class)),
                selectClass(suite.load(CartScreens.class))),
            onlyLanding);

    assertThat(outcome.engineFailure()).isNull();
    assertThat(result()).contains("\"removed\" : 0");
    assertThat(outcome.output()).contains("partial run");
  }

  @Test
  void tagFilterIsPartial() throws Exception {
    IsolatedSuite.Outcome outcome =
        suite.run(
            local("all"),
            List.of(
                selectClass(suite.load(HomeScreens.class)),
                selectClass(suite.load(CartScreens.class))),
            TagFilter.excludeTags("slow"));

    assertThat(outcome.engineFailure()).isNull();
    assertThat(outcome.output())
        .contains("1 tests of the classes that ran were left out (HomeScreens.guide())");
    assertThat(baselines.resolve("HomeScreens--retired--banner.png")).exists();
  }

  /** What Surefire's rerunFailingTestsCount and an IDE's "rerun failed tests" send. */
  @Test
  void rerunOfSelectedTestsByUniqueIdIsPartial() throws Exception {
    IsolatedSuite.Outcome outcome =
        suite.run(
            local("none"),
            List.of(
                selectUniqueId(
                    "[engine:junit-jupiter]/[class:"
                        + CartScreens.class.getName()
                        + "]/[method:cart(dev.visualreview.Snapshots)]")));

    assertThat(outcome.tests()).hasSize(1);
    assertThat(outcome.engineFailure()).isNull();
    assertThat(result()).contains("\"removed\" : 0");
  }

  @Test
  void partialFalseJudgesAnyRunAsTheWholeSuite() throws Exception {
    Map<String, String> p = local("none");
    p.put(ConfigKeys.PARTIAL, "false");

    suite.run(
        p,
        List.of(
            selectMethod(suite.load(HomeScreens.class), "landing", "dev.visualreview.Snapshots")));

    assertThat(result()).contains("HomeScreens--retired--banner");
  }

  @Test
  void partialTrueKeepsEvenAWholeRunFromReportingRemovals() throws Exception {
    Map<String, String> p = local("none");
    p.put(ConfigKeys.PARTIAL, "true");

    IsolatedSuite.Outcome outcome =
        suite.run(
            p,
            List.of(
                selectClass(suite.load(HomeScreens.class)),
                selectClass(suite.load(CartScreens.class))));

    assertThat(outcome.engineFailure()).isNull();
    assertThat(outcome.output()).contains("partial run: visualreview.partial=true");
  }

  @Test
  void aTestThatStopsBeforeItsCapturesKeepsTheBaselinesOfAWholeRun() throws Exception {
    suite.setStatic(CartScreens.class, "skipCheckout", true);

    IsolatedSuite.Outcome outcome = runWhole("all");

    assertThat(outcome.output())
        .contains("2 baselines not produced by this run were kept")
        .contains("CartScreens.checkout() was aborted");
    assertThat(result()).contains("\"removed\" : 0");
    assertThat(baselines.resolve("CartScreens--checkout--checkout.png")).exists();
    assertThat(baselines.resolve("HomeScreens--retired--banner.png")).exists();
  }

  @Test
  void anUnknownSettingIsNamedOnceWithTheClosestKnownOne() {
    Map<String, String> p = local("none");
    p.put("visualreview.updte", "changed");

    IsolatedSuite.Outcome outcome =
        suite.run(
            p,
            List.of(
                selectMethod(
                    suite.load(HomeScreens.class), "landing", "dev.visualreview.Snapshots")));

    assertThat(
            VisualReviewKit.occurrences(
                outcome.output(),
                "Visual review: warning: unknown setting visualreview.updte is ignored; did you mean"
                    + " visualreview.update?"))
        .isEqualTo(1);
  }

  /** Each run its own report folder: a second suite in the same folder and JVM is a re-run. */
  private Map<String, String> posthog(
      dev.visualreview.api.contract.ContractServer server, String reportFolder) {
    Map<String, String> p = new HashMap<>();
    p.put(ConfigKeys.REPORT_DIR, workDir.resolve(reportFolder).toString());
    p.put(ConfigKeys.MODE, "posthog");
    p.put(ConfigKeys.POSTHOG_HOST, server.host());
    p.put(ConfigKeys.POSTHOG_PROJECT_ID, server.projectId());
    p.put(ConfigKeys.POSTHOG_REPO_ID, server.repoId());
    p.put(ConfigKeys.POSTHOG_API_KEY, server.apiKey());
    p.put(ConfigKeys.BRANCH, "feat/checkout");
    p.put(ConfigKeys.COMMIT, "0123456789abcdef0123456789abcdef01234567");
    p.put(ConfigKeys.POSTHOG_POLL_INTERVAL_MILLIS, "50");
    p.put(ConfigKeys.TIMEOUT_SECONDS, "60");
    p.put(InternalKeys.ENVIRONMENT, "empty");
    p.put(ConfigKeys.CACHE_DIR, workDir.resolve("cache").toString());
    return p;
  }

  @Test
  void postHogRunsOfOneMethodAreCreatedPartialAndOfTheWholeSuiteNot() {
    try (var server = dev.visualreview.api.contract.ContractServer.start()) {
      suite.run(
          posthog(server, "one-method"),
          List.of(
              selectMethod(
                  suite.load(HomeScreens.class), "landing", "dev.visualreview.Snapshots")));
      suite.run(
          posthog(server, "whole"),
          List.of(
              selectClass(suite.load(HomeScreens.class)),
              selectClass(suite.load(CartScreens.class))));

      assertThat(server.runIds()).hasSize(2);
      assertThat(server.run(server.runIds().get(0)).partial()).as("one method").isTrue();
      assertThat(server.run(server.runIds().get(1)).partial()).as("whole suite").isFalse();
    }
  }
}
