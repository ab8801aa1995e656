package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.CaptureException;
import dev.visualreview.CapturedSnapshot;
import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualChangesError;
import dev.visualreview.VisualReview;
import dev.visualreview.VisualReviewFailedError;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.Verdict;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class VisualReviewExtensionTest {
  @TempDir Path reportDir;

  @BeforeEach
  void resetBackend() {
    RecordingBackend.reset(RecordingBackend.Script.clean());
  }

  // ---------------------------------------------------------------- fixtures

  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @VisualReview
  @ExtendWith(FixtureGuard.class)
  @interface VisualFixture {}

  @VisualFixture
  static class CleanSuite {
    @Test
    void home(Snapshots snapshots) {
      CapturedSnapshot first = snapshots.capture("hero", TestPngs.png(1));
      assertThat(first.identifier()).isEqualTo("CleanSuite--home--hero");
      assertThat(first.contentHash()).hasSize(64);
      assertThat(first.width()).isEqualTo(8);
      snapshots.capturePng("footer", TestPngs.png(2));
    }

    @Test
    void cart(Snapshots snapshots) {
      snapshots.capture("cart page", TestPngs.png(3));
    }
  }

  static final AtomicBoolean reachedEnd = new AtomicBoolean();

  @VisualFixture
  static class ChangesNow {
    @Test
    void checkout(Snapshots snapshots) {
      snapshots.capture("summary", TestPngs.png(10));
      snapshots.capture("total", TestPngs.png(11));
      reachedEnd.set(true);
    }
  }

  @VisualFixture
  static class DuplicateAcrossTests {
    @Test
    void a(Snapshots snapshots) {
      snapshots.capture("cart", TestPngs.png(1));
    }

    @Test
    void b(Snapshots snapshots) {
      snapshots.capture("cart", TestPngs.png(2));
    }
  }

  @VisualFixture
  static class DuplicateInOneMethod {
    @Test
    void twice(Snapshots snapshots) {
      snapshots.capture("cart", TestPngs.png(1));
      snapshots.capture("cart", TestPngs.png(2));
    }
  }

  @VisualFixture
  static class Parameterised {
    @ParameterizedTest
    @ValueSource(strings = {"light", "dark", "contrast"})
    void theme(String theme, Snapshots snapshots) {
      snapshots.capture("page", TestPngs.png(theme.length()));
    }

    @RepeatedTest(2)
    void again(Snapshots snapshots) {
      snapshots.capture("page", TestPngs.png(99));
    }
  }

  @VisualFixture
  static class ClassLevel {
    private final Snapshots fromConstructor;

    ClassLevel(Snapshots snapshots) {
      this.fromConstructor = snapshots;
    }

    @BeforeAll
    static void header(Snapshots snapshots) {
      snapshots.capture("header", TestPngs.png(5));
    }

    @Test
    void viaField() {
      fromConstructor.capture("field", TestPngs.png(6));
    }

    @Nested
    class Inner {
      @Test
      void nested(Snapshots snapshots) {
        snapshots.capture("deep", TestPngs.png(7));
      }
    }
  }

  @VisualFixture
  static class OffSuite {
    @Test
    void home(Snapshots snapshots) {
      CapturedSnapshot off = snapshots.capture("hero", new Object());
      assertThat(off.identifier()).isEqualTo("OffSuite--home--hero");
      assertThat(off.contentHash()).isEmpty();
    }
  }

  @VisualFixture
  static class NothingCaptured {
    @Test
    void plain() {}
  }

  @VisualFixture
  static class BadName {
    @Test
    void blank(Snapshots snapshots) {
      snapshots.capture(" ", TestPngs.png(1));
    }

    @Test
    void notAPng(Snapshots snapshots) {
      snapshots.capture("garbage", new byte[] {1, 2, 3});
    }
  }

  @VisualFixture
  static class DocumentedFailures {
    private static final String SUPPORTED = "a Playwright Page or Locator, a Selenium WebDriver";

    @Test
    void captureThrowsWhatItsJavadocSays(Snapshots snapshots) {
      byte[] png = TestPngs.png(1);
      assertThatThrownBy(() -> snapshots.capture(" ", png))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not be blank");
      assertThatThrownBy(() -> snapshots.capture("nothing", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pass a Page, Locator, WebDriver, WebElement or PNG bytes");
      assertThatThrownBy(() -> snapshots.capture("options", png, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pass CaptureOptions.defaults()");
      assertThatThrownBy(() -> snapshots.capture("url", "https://example.com"))
          .isInstanceOf(CaptureException.class)
          .isNotInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot capture a java.lang.String")
          .hasMessageContaining(SUPPORTED);
      assertThatThrownBy(() -> snapshots.capture("text", "not a png".getBytes()))
          .isInstanceOf(CaptureException.class)
          .hasMessageContaining("is not a PNG");
      byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
      assertThatThrownBy(() -> snapshots.capture("truncated", truncated))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("truncated");
      snapshots.capture("twice", png);
      assertThatThrownBy(() -> snapshots.capture("twice", png))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DocumentedFailures--captureThrowsWhatItsJavadocSays--twice");
    }
  }

  // ---------------------------------------------------------------- tests

  private VisualReviewKit kit() {
    return new VisualReviewKit(reportDir);
  }

  @Test
  void cleanSuitePassesAndSendsOneShardPerClassFromABackgroundThread() throws Exception {
    EngineExecutionResults results = kit().run(CleanSuite.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    RecordingBackend backend = RecordingBackend.only();
    assertThat(backend.opened).isTrue();
    assertThat(backend.completed).isTrue();
    assertThat(backend.closed).isTrue();
    assertThat(backend.shards).hasSize(1);
    assertThat(backend.shards.get(0).name()).isEqualTo(CleanSuite.class.getName());
    assertThat(backend.allSnapshots())
        .extracting(Snapshot::identifier)
        .containsExactlyInAnyOrder(
            "CleanSuite--home--hero", "CleanSuite--home--footer", "CleanSuite--cart--cart-page");
    assertThat(backend.shardThreads).allMatch(t -> t.startsWith("visual-review-upload-"));
    assertThat(backend.allSnapshots())
        .filteredOn(s -> s.identifier().endsWith("hero"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.source()).isEqualTo("CleanSuite.home()");
              assertThat(s.width()).isEqualTo(8);
              assertThat(s.height()).isEqualTo(6);
            });
    assertThat(reportDir.resolve("result.json")).exists();
    assertThat(Files.readString(reportDir.resolve("result.json")))
        .contains("CleanSuite--home--hero");
  }

  @Test
  void changedSnapshotAtTheEndFailsTheEngineWithTheListing() {
    RecordingBackend.reset(
        new RecordingBackend.Script(
            Set.of(), Set.of("CleanSuite--home--hero"), Verdict.FAIL, false));

    EngineExecutionResults results = kit().run(CleanSuite.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    Throwable failure = VisualReviewKit.engineFailure(results);
    assertThat(failure)
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageStartingWith("Visual review: 3 snapshots — 2 unchanged, 1 changed")
        .hasMessageContaining(
            "Visual changes detected: 1 changed snapshot needs review — review at:"
                + " http://review.test/runs/run-1")
        .hasMessageContaining("\n  changed: CleanSuite--home--hero (4.25% diff)")
        .hasMessageNotContaining("footer");
  }

  @Test
  void observeDriftWithWarnVerdictPassesTheBuild() {
    RecordingBackend.reset(
        new RecordingBackend.Script(
            Set.of(), Set.of("CleanSuite--home--hero"), Verdict.WARN, false));

    EngineExecutionResults results = kit().run(CleanSuite.class);

    assertThat(VisualReviewKit.engineFailure(results)).isNull();
    results.testEvents().assertStatistics(s -> s.succeeded(2));
  }

  @Test
  void changedSnapshotFailsTheTestAfterAllItsCaptures() {
    reachedEnd.set(false);
    RecordingBackend.reset(
        new RecordingBackend.Script(
            Set.of("ChangesNow--checkout--summary"), Set.of(), Verdict.FAIL, false));

    EngineExecutionResults results = kit().run(ChangesNow.class);

    assertThat(reachedEnd).isTrue();
    results.testEvents().assertStatistics(s -> s.failed(1));
    Throwable failure =
        results.testEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(failure)
        .isInstanceOf(VisualChangesError.class)
        .hasMessageStartingWith("1 snapshot needs review in ChangesNow.checkout():")
        .hasMessageContaining("changed: ChangesNow--checkout--summary (2.50% diff, pixel)")
        .hasMessageContaining(
            "baseline: " + reportDir.resolve("baselines/ChangesNow--checkout--summary.png"))
        .hasMessageContaining(
            "diff    : " + reportDir.resolve("diffs/ChangesNow--checkout--summary.png"))
        .hasMessageNotContaining("--total");
    assertThat(RecordingBackend.only().judgedThreads).noneMatch(t -> t.startsWith("visual-review"));
    assertThat(RecordingBackend.only().allSnapshots()).hasSize(2);
  }

  @Test
  void unreachableServiceFailsTheBuildByDefault() {
    RecordingBackend.reset(new RecordingBackend.Script(Set.of(), Set.of(), Verdict.FAIL, true));

    EngineExecutionResults results = kit().run(CleanSuite.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(VisualReviewKit.engineFailure(results))
        .isInstanceOf(VisualReviewFailedError.class)
        .hasMessageContaining("cannot reach PostHog at http://127.0.0.1:9")
        .hasMessageContaining("visualreview.onUnreachable=warn");
    assertThat(RecordingBackend.only().shards).isEmpty();
    assertThat(RecordingBackend.only().closed).isTrue();
  }

  @Test
  void unreachableServiceOnlyWarnsWhenConfigured() {
    RecordingBackend.reset(new RecordingBackend.Script(Set.of(), Set.of(), Verdict.FAIL, true));

    EngineExecutionResults results =
        kit().with(ConfigKeys.ON_UNREACHABLE, "warn").run(CleanSuite.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(VisualReviewKit.engineFailure(results)).isNull();
  }

  @Test
  void duplicateIdentifierFailsTheSecondTestNamingBoth() {
    EngineExecutionResults results =
        kit()
            .with(ConfigKeys.IDENTIFIER_TEMPLATE, "{class}--{name}")
            .run(DuplicateAcrossTests.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
    Throwable failure =
        results.testEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(failure.getMessage())
        .matches(
            "(?s)snapshot 'cart' in DuplicateAcrossTests\\.[ab]\\(\\) has"
                + " the same identifier as in DuplicateAcrossTests\\.[ab]\\(\\).*")
        .contains("pass a distinct name");
    assertThat(RecordingBackend.only().allSnapshots()).hasSize(1);
  }

  @Test
  void sameNameTwiceInOneTestFailsThatTest() {
    EngineExecutionResults results = kit().run(DuplicateInOneMethod.class);
    results.testEvents().assertStatistics(s -> s.failed(1));
    assertThat(
            results.testEvents().failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow())
        .hasMessageContaining("snapshot 'cart' is captured twice in DuplicateInOneMethod.twice()");
  }

  @Test
  void parameterisedTestsAreNamedByTheirArgumentsAndRepeatedTestsByTheirIndex() {
    EngineExecutionResults results = kit().run(Parameterised.class);
    results.testEvents().assertStatistics(s -> s.succeeded(5));
    assertThat(RecordingBackend.only().allSnapshots())
        .extracting(Snapshot::identifier)
        .containsExactlyInAnyOrder(
            "Parameterised--theme-light--page",
            "Parameterised--theme-dark--page",
            "Parameterised--theme-contrast--page",
            "Parameterised--again-1--page",
            "Parameterised--again-2--page");
  }

  @Test
  void classLevelConstructorAndNestedCapturesAreAttributed() {
    EngineExecutionResults results = kit().run(ClassLevel.class);
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    RecordingBackend backend = RecordingBackend.only();
    assertThat(backend.allSnapshots())
        .extracting(Snapshot::identifier)
        .containsExactlyInAnyOrder(
            "ClassLevel--header", "ClassLevel--viaField--field", "ClassLevel-Inner--nested--deep");
    assertThat(backend.shards)
        .extracting(s -> s.name())
        .containsExactlyInAnyOrder(ClassLevel.class.getName(), ClassLevel.Inner.class.getName());
  }

  @Test
  void reRunInTheSameJvmSendsNothingAndLeavesTheCompletedRunAlone() {
    kit().run(CleanSuite.class).testEvents().assertStatistics(s -> s.succeeded(2));
    RecordingBackend.reset(
        new RecordingBackend.Script(
            Set.of(), Set.of("CleanSuite--home--hero"), Verdict.FAIL, false));

    EngineExecutionResults rerun = kit().run(CleanSuite.class);

    rerun.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(VisualReviewKit.engineFailure(rerun)).isNull();
    RecordingBackend unused = RecordingBackend.only();
    assertThat(unused.opened).isFalse();
    assertThat(unused.shards).isEmpty();
    assertThat(unused.completed).isFalse();
  }

  @Test
  void secondSuiteOnTheSameReportFolderStopsWithTheShardModeSetup() {
    try (dev.visualreview.run.SuiteLock otherJvm =
        dev.visualreview.run.SuiteLock.acquire(reportDir)) {
      EngineExecutionResults results = kit().run(CleanSuite.class);

      results.testEvents().assertStatistics(s -> s.failed(2));
      assertThat(
              results.testEvents().failed().stream()
                  .map(
                      e ->
                          e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                              .orElseThrow()
                              .getThrowable()
                              .orElseThrow()
                              .getMessage()))
          .allSatisfy(
              m ->
                  assertThat(m)
                      .contains("another test JVM is already running a visual review suite")
                      .contains("-Dvisualreview.runId=$RUN_ID"));
      assertThat(RecordingBackend.INSTANCES).isEmpty();
      assertThat(reportDir.resolve("result.json"))
          .as("the folder is the other suite's: no report of this one goes there")
          .doesNotExist();
    }
  }

  @Test
  void suiteThatCapturesNothingCreatesNoRun() {
    EngineExecutionResults results = kit().run(NothingCaptured.class);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(RecordingBackend.INSTANCES).isEmpty();
    assertThat(reportDir.resolve("result.json")).doesNotExist();
  }

  @Test
  void modeOffSkipsCapturesAndCreatesNoBackend() {
    EngineExecutionResults results = kit().with(ConfigKeys.MODE, "off").run(OffSuite.class);
    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(RecordingBackend.INSTANCES).isEmpty();
  }

  @Test
  void invalidConfigurationFailsTheClassWithTheKeyAndChoices() {
    EngineExecutionResults results = kit().with(ConfigKeys.MODE, "sometimes").run(CleanSuite.class);
    Throwable failure =
        results.containerEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(failure)
        .hasMessageContaining("visualreview.mode='sometimes'")
        .hasMessageContaining("expected one of auto, local, posthog, off");
  }

  @Test
  void blankNamesAndNonPngBytesFailWithClearMessages() {
    EngineExecutionResults results = kit().run(BadName.class);
    results.testEvents().assertStatistics(s -> s.failed(2));
    List<String> messages =
        results.testEvents().failed().stream()
            .map(
                e ->
                    e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
            .toList();
    assertThat(messages)
        .anySatisfy(m -> assertThat(m).contains("snapshot name must not be blank"))
        .anySatisfy(m -> assertThat(m).containsIgnoringCase("png"));
  }

  @Test
  void captureFailsWithTheExceptionTypesItsJavadocDocuments() {
    EngineExecutionResults results = kit().run(DocumentedFailures.class);

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
  }
}
