package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.InternalKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class ListenerAndAttachmentsTest {
  @TempDir Path reportDir;

  @BeforeEach
  void reset() {
    RecordingBackend.reset(RecordingBackend.Script.clean());
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Visual {
    @org.junit.jupiter.api.Test
    void page(Snapshots snapshots) {
      snapshots.capture("page", TestPngs.png(1));
    }
  }

  @ExtendWith(FixtureGuard.class)
  static class NotVisual {
    @org.junit.jupiter.api.Test
    void plain() {}
  }

  private record Outcome(TestExecutionSummary summary, String printed) {}

  private Outcome launch(Class<?> testClass) {
    return launch(testClass, reportDir.resolve("junit-output"));
  }

  private Outcome launch(Class<?> testClass, Path outputDir) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    VisualReviewListener listener =
        new VisualReviewListener(new PrintStream(printed, true, StandardCharsets.UTF_8));
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener, summary)
                .build());
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass))
            .configurationParameter(FixtureGuard.KEY, "true")
            .configurationParameter(ConfigKeys.REPORT_DIR, reportDir.toString())
            .configurationParameter("junit.platform.reporting.output.dir", outputDir.toString())
            .configurationParameter(InternalKeys.BACKEND_CLASS, RecordingBackend.class.getName())
            .configurationParameter(ConfigKeys.CACHE_DIR, reportDir.resolve("cache").toString())
            .configurationParameter(InternalKeys.ENVIRONMENT, "empty")
            .build());
    return new Outcome(summary.getSummary(), printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listenerIsRegisteredForServiceLoading() {
    assertThat(ServiceLoader.load(TestExecutionListener.class).stream())
        .anyMatch(p -> p.type() == VisualReviewListener.class);
  }

  @Test
  void launcherCountsAFailingVerdictAsAFailedContainerAndTheListenerPointsToTheReport() {
    RecordingBackend.reset(
        new RecordingBackend.Script(Set.of(), Set.of("Visual--page--page"), Verdict.FAIL, false));

    Outcome outcome = launch(Visual.class);

    assertThat(outcome.summary().getTestsSucceededCount()).isEqualTo(1);
    assertThat(outcome.summary().getContainersFailedCount()).isEqualTo(1);
    assertThat(outcome.summary().getTotalFailureCount()).isEqualTo(1);
    assertThat(outcome.printed())
        .contains("Visual review: FAIL")
        .contains(reportDir.resolve("index.html").toAbsolutePath().toString());
  }

  @Test
  void aRunThatCouldNotFinishStillPointsToItsReport() throws Exception {
    RecordingBackend.reset(new RecordingBackend.Script(Set.of(), Set.of(), Verdict.FAIL, true));
    EarlierReport.passed(reportDir);

    Outcome outcome = launch(Visual.class);

    assertThat(outcome.summary().getContainersFailedCount()).isEqualTo(1);
    assertThat(outcome.printed())
        .contains("Visual review: ERROR — report: ")
        .contains(reportDir.resolve("index.html").toAbsolutePath().toString());
    assertThat(EarlierReport.page(reportDir)).doesNotContain(EarlierReport.MARKER);
    assertThat(EarlierReport.result(reportDir).get("verdict").asText()).isEqualTo("error");
  }

  @Test
  void cleanRunPassesAtLauncherLevel() {
    Outcome outcome = launch(Visual.class);
    assertThat(outcome.summary().getTotalFailureCount()).isZero();
    assertThat(outcome.printed()).contains("Visual review: PASS");
  }

  @Test
  void listenerStaysSilentWithoutVisualReviewClasses() {
    Outcome outcome = launch(NotVisual.class);
    assertThat(outcome.summary().getTestsSucceededCount()).isEqualTo(1);
    assertThat(outcome.printed()).isEmpty();
    assertThat(RecordingBackend.INSTANCES).isEmpty();
  }

  @Test
  void capturedImagesArePublishedWhereJUnitSupportsIt() throws Exception {
    Path outputDir = reportDir.resolve("junit-output");
    Outcome outcome = launch(Visual.class, outputDir);
    assertThat(outcome.summary().getTotalFailureCount()).isZero();
    List<Path> pngs;
    try (Stream<Path> files =
        Files.exists(outputDir) ? Files.walk(outputDir) : Stream.<Path>empty()) {
      pngs = files.filter(p -> p.getFileName().toString().endsWith(".png")).toList();
    }
    if (Attachments.detect().supported()) {
      assertThat(pngs)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getFileName().toString()).isEqualTo("Visual--page--page.png");
                assertThat(Files.readAllBytes(p)).isEqualTo(TestPngs.png(1));
              });
    } else {
      // JUnit before 5.12 has no publishFile: nothing is published and nothing breaks
      assertThat(pngs).isEmpty();
    }
  }

  @Test
  void diffImagesOfChangedSnapshotsArePublishedToo() throws Exception {
    RecordingBackend.reset(
        new RecordingBackend.Script(Set.of("Visual--page--page"), Set.of(), Verdict.FAIL, false));
    Files.createDirectories(reportDir.resolve("diffs"));
    Files.write(reportDir.resolve("diffs/Visual--page--page.png"), TestPngs.png(77));
    Path outputDir = reportDir.resolve("junit-output");

    Outcome outcome = launch(Visual.class, outputDir);

    assertThat(outcome.summary().getTestsFailedCount()).isEqualTo(1);
    List<String> names;
    try (Stream<Path> files =
        Files.exists(outputDir) ? Files.walk(outputDir) : Stream.<Path>empty()) {
      names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".png"))
              .sorted()
              .toList();
    }
    if (Attachments.detect().supported()) {
      assertThat(names).containsExactly("Visual--page--page.diff.png", "Visual--page--page.png");
    } else {
      assertThat(names).isEmpty();
    }
  }
}
