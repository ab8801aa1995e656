package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.run.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Identifiers of parameterised tests and the identifier template's placeholders. */
class InvocationIdentityTest {
  @TempDir Path workDir;

  @BeforeEach
  void resetBackend() {
    RecordingBackend.reset(RecordingBackend.Script.clean());
  }

  private VisualReviewKit kit() {
    return new VisualReviewKit(workDir.resolve("report"));
  }

  private static Map<String, String> identifiersToHashes() {
    return RecordingBackend.only().allSnapshots().stream()
        .collect(Collectors.toMap(Snapshot::identifier, Snapshot::contentHash));
  }

  // ---------------------------------------------------------------- fixtures

  enum Viewport {
    DESKTOP,
    PHONE
  }

  record Size(int width, int height) {}

  /** An argument whose text changes every run: it must never become part of an identifier. */
  static final class Opaque {}

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Themes {
    static volatile String[] order = {"light", "dark", "high contrast"};

    static Stream<String> themes() {
      return Stream.of(order);
    }

    @ParameterizedTest
    @MethodSource("themes")
    void theme(String theme, Snapshots snapshots) {
      snapshots.capture("page", TestPngs.png(theme.length()));
    }

    @ParameterizedTest
    @EnumSource(Viewport.class)
    void viewport(Viewport viewport, Snapshots snapshots) {
      snapshots.capture("form", TestPngs.png(viewport.ordinal() + 20));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void size(Size size, Snapshots snapshots) {
      snapshots.capture("grid", TestPngs.png(size.width() % 97));
    }

    static Stream<Size> sizes() {
      return Stream.of(new Size(1280, 720), new Size(390, 844));
    }

    @RepeatedTest(2)
    void again(Snapshots snapshots) {
      snapshots.capture("page", TestPngs.png(99));
    }
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Fallbacks {
    @ParameterizedTest
    @ValueSource(strings = {"same", "same"})
    void repeatedValue(String value, Snapshots snapshots) {
      snapshots.capture("shot", TestPngs.png(1));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "a rather long argument that would make the identifier hard to read if it were used",
          "short"
        })
    void longValue(String value, Snapshots snapshots) {
      snapshots.capture("shot", TestPngs.png(2));
    }

    static Stream<Opaque> opaque() {
      return Stream.of(new Opaque(), new Opaque());
    }

    @ParameterizedTest
    @MethodSource("opaque")
    void objects(Opaque value, Snapshots snapshots) {
      snapshots.capture("shot", TestPngs.png(3));
    }
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Displays {
    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/guide.html"})
    void landing(String path, Snapshots snapshots) {
      snapshots.capture("full", TestPngs.png(path.length()));
    }

    @Test
    @DisplayName("Sign-in page")
    void signIn(Snapshots snapshots) {
      snapshots.capture("full", TestPngs.png(5));
    }

    @Test
    void plain(Snapshots snapshots) {
      snapshots.capture("full", TestPngs.png(6));
    }
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  static class Engines {
    @Test
    void page(Snapshots snapshots) {
      snapshots.capture("home", TestPngs.png(7));
    }
  }

  // ---------------------------------------------------------------- tests

  @Test
  void parameterisedTestsAreNamedAfterTheirArgumentsAndRepeatedTestsAfterTheRepetition() {
    kit().run(Themes.class).testEvents().assertStatistics(s -> s.succeeded(9));

    assertThat(identifiersToHashes().keySet())
        .containsExactlyInAnyOrder(
            "Themes--theme-light--page",
            "Themes--theme-dark--page",
            "Themes--theme-high-contrast--page",
            "Themes--viewport-DESKTOP--form",
            "Themes--viewport-PHONE--form",
            "Themes--size-1280-720--grid",
            "Themes--size-390-844--grid",
            "Themes--again-1--page",
            "Themes--again-2--page");
  }

  @Test
  void reorderingTheArgumentsKeepsEachSnapshotsIdentifier() {
    Themes.order = new String[] {"light", "dark", "high contrast"};
    kit().run(Themes.class);
    Map<String, String> before = identifiersToHashes();
    RecordingBackend.reset(RecordingBackend.Script.clean());
    Themes.order = new String[] {"high contrast", "light", "dark"};
    try {
      new VisualReviewKit(workDir.resolve("report2")).run(Themes.class);
    } finally {
      Themes.order = new String[] {"light", "dark", "high contrast"};
    }

    assertThat(identifiersToHashes()).isEqualTo(before);
  }

  @Test
  void argumentsThatAreRepeatedLongOrOpaqueFallBackToTheIndex() {
    kit().run(Fallbacks.class).testEvents().assertStatistics(s -> s.succeeded(6));

    assertThat(identifiersToHashes().keySet())
        .containsExactlyInAnyOrder(
            "Fallbacks--repeatedValue-same--shot",
            "Fallbacks--repeatedValue-2--shot",
            "Fallbacks--longValue-1--shot",
            "Fallbacks--longValue-short--shot",
            "Fallbacks--objects-1--shot",
            "Fallbacks--objects-2--shot");
  }

  @Test
  void indexNamingKeepsTheOldIdentifiers() {
    kit().with(ConfigKeys.INVOCATION_NAMES, "index").run(Themes.class);

    assertThat(identifiersToHashes().keySet())
        .contains("Themes--theme-1--page", "Themes--viewport-2--form", "Themes--again-1--page")
        .doesNotContain("Themes--theme-light--page");
  }

  @Test
  void existingBaselinesUnderTheIndexNameKeepBeingUsed() throws Exception {
    Path baselines = Files.createDirectories(workDir.resolve("baselines"));
    Files.write(baselines.resolve("Themes--theme-2--page.png"), TestPngs.png(4));

    kit().with(ConfigKeys.BASELINE_DIR, baselines.toString()).run(Themes.class);

    assertThat(identifiersToHashes().keySet())
        .contains("Themes--theme-2--page", "Themes--theme-light--page")
        .doesNotContain("Themes--theme-dark--page");

    RecordingBackend.reset(RecordingBackend.Script.clean());
    new VisualReviewKit(workDir.resolve("report2"))
        .with(ConfigKeys.BASELINE_DIR, baselines.toString())
        .with(ConfigKeys.INVOCATION_NAMES, "arguments")
        .run(Themes.class);
    assertThat(identifiersToHashes().keySet())
        .contains("Themes--theme-dark--page")
        .doesNotContain("Themes--theme-2--page");
  }

  @Test
  void displayPlaceholderKeepsTheMethodAndDropsJunitsIndexAndParameterList() {
    kit()
        .with(ConfigKeys.IDENTIFIER_TEMPLATE, "{class}--{display}--{name}")
        .run(Displays.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(4));

    assertThat(identifiersToHashes().keySet())
        .containsExactlyInAnyOrder(
            "Displays--landing-index-html--full",
            "Displays--landing-guide-html--full",
            "Displays--Sign-in-page--full",
            "Displays--plain--full");
  }

  @Test
  void enginePlaceholderNamesWhereTheImageCameFromAndAnEmptyBrowserIsDropped() {
    EngineExecutionResults results =
        kit()
            .with(ConfigKeys.IDENTIFIER_TEMPLATE, "{class}--{method}--{name}--{engine}-{browser}")
            .run(Engines.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(identifiersToHashes().keySet()).containsExactly("Engines--page--home--image");
  }
}
