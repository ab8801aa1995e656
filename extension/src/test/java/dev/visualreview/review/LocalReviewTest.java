package dev.visualreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.report.ReviewControls.Kind;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepting and pruning a real local run's snapshots, and what the next run then compares. */
class LocalReviewTest {
  static final byte[] BLUE = LocalRun.page(new Color(40, 90, 200));
  static final byte[] RED = LocalRun.page(new Color(200, 60, 40));
  static final byte[] GREEN = LocalRun.page(new Color(30, 150, 80));
  static final byte[] GREY = LocalRun.page(Color.GRAY);

  @TempDir Path module;
  LocalRun run;
  final List<String> log = new ArrayList<>();

  /** Cart and Header changed, Hero is new, Footer unchanged, Old was removed. */
  @BeforeEach
  void aRunWithChanges() throws Exception {
    run =
        new LocalRun(module)
            .baseline("Shop--cart--total", BLUE)
            .baseline("Shop--header--bar", BLUE)
            .baseline("Shop--footer--links", GREY)
            .baseline("Shop--old--page", GREY)
            .shot("Shop--cart--total", RED)
            .shot("Shop--header--bar", GREEN)
            .shot("Shop--hero--banner", GREEN)
            .shot("Shop--footer--links", GREY);
    RunOutcome outcome = run.run();
    assertThat(outcome.counts().unresolved()).isEqualTo(4);
    // the run kept the image of every change it may be asked to accept, as judged
    for (SnapshotVerdict v : run.folder().read().outcome().snapshots()) {
      if (v.result() == SnapshotResult.CHANGED || v.result() == SnapshotResult.NEW) {
        byte[] kept = run.folder().readImage(v.currentImage()).orElseThrow();
        assertThat(LocalRun.hash(kept)).as(v.identifier()).isEqualTo(v.contentHash());
      }
    }
  }

  @Test
  void acceptingOneWritesItsBaselineAndTheReportAndTheNextRunComparesAgainstIt() throws Exception {
    LocalReview review = run.review(log);
    assertThat(review.actions().get("Shop--cart--total").kind()).isEqualTo(Kind.ACCEPT);
    assertThat(review.actions().get("Shop--hero--banner").kind()).isEqualTo(Kind.ACCEPT);
    assertThat(review.actions().get("Shop--footer--links").kind()).isEqualTo(Kind.NONE);

    ReviewResult result = review.accept(List.of("Shop--cart--total"));

    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(RED);
    assertThat(run.baselineBytes("Shop--header--bar")).as("left alone").isEqualTo(BLUE);
    assertThat(result.remaining()).isEqualTo(3);
    assertThat(result.lines())
        .singleElement()
        .asString()
        .contains("accepted Shop--cart--total", "src/test/visual-baselines");
    assertThat(log).isEqualTo(result.lines());

    JsonNode json = new ObjectMapper().readTree(run.reportDir.resolve("result.json").toFile());
    JsonNode cart = snapshot(json, "Shop--cart--total");
    assertThat(cart.get("review_state").asText()).isEqualTo("approved");
    assertThat(cart.get("actionable").asBoolean()).isFalse();
    assertThat(cart.get("note").asText()).contains("accepted with `review`");
    assertThat(snapshot(json, "Shop--header--bar").get("review_state").asText())
        .isEqualTo("pending");
    assertThat(json.get("counts").get("unresolved").asInt()).isEqualTo(3);
    assertThat(json.get("verdict").asText()).isEqualTo("fail");
    assertThat(Files.readString(run.reportDir.resolve("index.html")))
        .contains("accepted with &#96;review&#96;");

    // the next run (same rendering) finds the accepted snapshot unchanged, the other still changed
    RunOutcome next = run.run();
    assertThat(verdict(next, "Shop--cart--total").result()).isEqualTo(SnapshotResult.UNCHANGED);
    assertThat(verdict(next, "Shop--header--bar").result()).isEqualTo(SnapshotResult.CHANGED);
  }

  @Test
  void acceptingAllAcceptsEveryChangeAndTheRunPasses() throws Exception {
    LocalReview review = run.review(log);
    ReviewResult result = review.acceptAll();

    assertThat(result.lines()).hasSize(3);
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(RED);
    assertThat(run.baselineBytes("Shop--header--bar")).isEqualTo(GREEN);
    assertThat(run.baselineBytes("Shop--hero--banner")).isEqualTo(GREEN);
    // the removed one still needs a person (no whole-suite marker in this report)
    assertThat(result.remaining()).isEqualTo(1);
    assertThat(review.pending())
        .extracting(SnapshotVerdict::identifier)
        .containsExactly("Shop--old--page");

    RunOutcome next = run.run();
    assertThat(next.counts().changed()).isZero();
    assertThat(next.counts().added()).isZero();
  }

  @Test
  void unknownIdentifiersAreRefusedWithCloseMatchesAndNothingIsWritten() throws Exception {
    LocalReview review = run.review(log);
    assertThatThrownBy(() -> review.accept(List.of("Shop--cart--total", "Shop--cart--totl")))
        .isInstanceOf(ReviewException.class)
        .hasMessageContaining("no snapshot 'Shop--cart--totl' in this run")
        .hasMessageContaining("did you mean Shop--cart--total")
        .hasMessageContaining("Nothing was changed");
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(BLUE);
    assertThat(Files.readString(run.reportDir.resolve("result.json"))).doesNotContain("approved");
  }

  @Test
  void unchangedAndRemovedSnapshotsCannotBeAccepted() {
    LocalReview review = run.review(log);
    assertThatThrownBy(() -> review.accept(List.of("Shop--footer--links")))
        .hasMessageContaining("it is unchanged");
    assertThatThrownBy(() -> review.accept(List.of("Shop--old--page")))
        .hasMessageContaining("Shop--old--page:");
    assertThatThrownBy(() -> review.prune(List.of("Shop--cart--total")))
        .hasMessageContaining("accept it with --accept instead");
  }

  @Test
  void snapshotsPinnedBySnapshotsYmlAreNotAcceptedHere() throws Exception {
    Path yml = module.resolve("snapshots.yml");
    Files.writeString(
        yml,
        "version: 1\nsnapshots:\n    Shop--cart--total:\n        hash: v1.k1."
            + LocalRun.hash(BLUE)
            + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
    LocalReview review = run.review(log, BaselineFile.read(yml));
    assertThat(review.actions().get("Shop--cart--total").kind()).isEqualTo(Kind.NONE);
    assertThat(review.actions().get("Shop--cart--total").reason())
        .contains("snapshots.yml", "approve it on PostHog");
    assertThatThrownBy(() -> review.accept(List.of("Shop--cart--total")))
        .hasMessageContaining("approve it on PostHog");
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(BLUE);
  }

  @Test
  void aBaselineChangedSinceTheRunIsNotOverwritten() throws Exception {
    LocalReview review = run.review(log);
    byte[] someoneElses = LocalRun.page(Color.ORANGE);
    Files.write(run.baselines.resolve("Shop--cart--total.png"), someoneElses);

    assertThatThrownBy(() -> review.accept(List.of("Shop--cart--total")))
        .isInstanceOf(ReviewException.class)
        .hasMessageContaining("changed since this run compared against it");
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(someoneElses);
  }

  @Test
  void anImageReplacedSinceTheRunIsNotAccepted() throws Exception {
    LocalReview review = run.review(log);
    Files.write(
        run.reportDir.resolve("images/Shop--cart--total/current.png"),
        LocalRun.page(Color.MAGENTA));

    assertThatThrownBy(() -> review.accept(List.of("Shop--cart--total")))
        .hasMessageContaining("not the one this run judged");
    assertThat(run.baselineBytes("Shop--cart--total")).isEqualTo(BLUE);
  }

  @Test
  void acceptingTwiceIsHarmless() throws Exception {
    run.review(log).accept(List.of("Shop--hero--banner"));
    ReviewResult again = run.review(log).accept(List.of("Shop--hero--banner"));
    assertThat(again.lines()).containsExactly("Shop--hero--banner was already accepted.");
    assertThat(run.baselineBytes("Shop--hero--banner")).isEqualTo(GREEN);
  }

  @Test
  void pruningIsOfferedOnlyAfterAWholeSuiteRun() throws Exception {
    run.forgetPartial();
    LocalReview unknown = run.review(log);
    assertThat(unknown.actions().get("Shop--old--page").kind()).isEqualTo(Kind.NONE);
    assertThat(unknown.actions().get("Shop--old--page").reason())
        .contains("does not say whether the whole suite ran");
    assertThatThrownBy(() -> unknown.prune(List.of("Shop--old--page")))
        .hasMessageContaining("whole suite");
    assertThat(run.baselines.resolve("Shop--old--page.png")).exists();

    run.markPartial(true);
    assertThat(run.review(log).actions().get("Shop--old--page").reason())
        .contains("only part of the suite");

    run.markPartial(false);
    LocalReview whole = run.review(log);
    assertThat(whole.actions().get("Shop--old--page").kind()).isEqualTo(Kind.PRUNE);
    ReviewResult result = whole.prune(List.of("Shop--old--page"));

    assertThat(run.baselines.resolve("Shop--old--page.png")).doesNotExist();
    assertThat(result.lines()).singleElement().asString().contains("deleted the baseline");
    assertThat(result.remaining()).isEqualTo(3);
    RunOutcome next = run.run();
    assertThat(next.counts().removed()).isZero();
  }

  @Test
  void imagesAreOnlyServedFromTheReportsImagesFolder() throws Exception {
    ReportFolder folder = run.folder();
    assertThat(folder.image("images/Shop--cart--total/current.png")).isPresent();
    assertThat(folder.image("result.json")).isEmpty();
    assertThat(folder.image("images/../result.json")).isEmpty();
    assertThat(folder.image("images/Shop--cart--total/../../result.json")).isEmpty();
    assertThat(folder.image("/etc/passwd")).isEmpty();
    assertThat(folder.image("C:/Windows/win.ini")).isEmpty();
    assertThat(folder.image("images\\..\\result.json")).isEmpty();
    Path outside = Files.writeString(module.resolve("secret.txt"), "secret");
    Path link = run.reportDir.resolve("images/link.png");
    Files.createSymbolicLink(link, outside);
    assertThat(folder.image("images/link.png")).as("a link out of the folder").isEmpty();
  }

  @Test
  void anUnusableResultJsonSaysWhatToDo() throws Exception {
    Files.writeString(run.reportDir.resolve("result.json"), "{\"mode\": \"local\"");
    assertThatThrownBy(() -> run.folder().read())
        .isInstanceOf(ReviewException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("Run the visual tests again");
    Files.delete(run.reportDir.resolve("result.json"));
    assertThatThrownBy(() -> run.folder().read())
        .hasMessageContaining("no report at")
        .hasMessageContaining("run the visual tests first");
  }

  static JsonNode snapshot(JsonNode json, String id) {
    for (JsonNode s : json.get("snapshots")) {
      if (s.get("identifier").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no snapshot " + id + " in " + json);
  }

  static SnapshotVerdict verdict(RunOutcome o, String id) {
    return o.snapshots().stream()
        .filter(v -> v.identifier().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict for " + id));
  }
}
