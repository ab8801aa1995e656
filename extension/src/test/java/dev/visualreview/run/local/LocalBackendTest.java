package dev.visualreview.run.local;

import static dev.visualreview.run.local.Pngs.hash;
import static dev.visualreview.run.local.Pngs.page;
import static dev.visualreview.run.local.Pngs.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.report.OutcomeText;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Shard;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.config.UpdateMode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {
  static final Color BLUE = new Color(40, 90, 200);

  @TempDir Path work;

  Path baselines() {
    return work.resolve("src/test/visual-baselines");
  }

  Path reportDir() {
    return work.resolve("target/visual-review");
  }

  LocalBackend.Settings.Builder settings(boolean ci) {
    return LocalBackend.Settings.builder(work, ci, Map.of())
        .imageStore(work.resolve("store"), 10_000_000);
  }

  LocalBackend open(LocalBackend.Settings.Builder settings) {
    LocalBackend backend = new LocalBackend(settings.build());
    backend.open();
    return backend;
  }

  void commitBaseline(String id, byte[] png) throws Exception {
    Files.createDirectories(baselines());
    Files.write(baselines().resolve(id + ".png"), png);
  }

  SnapshotVerdict judge(LocalBackend backend, String id, byte[] png) {
    List<SnapshotVerdict> verdicts = backend.judgeNow(List.of(snapshot(id, png)));
    assertThat(verdicts).hasSize(1);
    return verdicts.get(0);
  }

  static int widthOf(Path png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    return img.getWidth();
  }

  @Test
  void identicalPixelsAreUnchangedExact() throws Exception {
    commitBaseline("Home--a--b", page(BLUE));
    LocalBackend backend = open(settings(false));

    SnapshotVerdict v = judge(backend, "Home--a--b", page(BLUE));

    assertThat(v.result()).isEqualTo(SnapshotResult.UNCHANGED);
    assertThat(v.classificationReason()).isEqualTo(ClassificationReason.EXACT);
    assertThat(v.actionable()).isFalse();
    assertThat(reportDir().resolve(v.currentImage())).exists();
    RunOutcome outcome = backend.complete();
    assertThat(outcome.mode()).isEqualTo(Mode.LOCAL);
    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.counts().unchanged()).isEqualTo(1);
  }

  @Test
  void aFewPixelsAreUnchangedBelowThreshold() throws Exception {
    commitBaseline("Home--a--b", page(BLUE));
    LocalBackend backend = open(settings(false));

    SnapshotVerdict v = judge(backend, "Home--a--b", page(BLUE, g -> g.fillRect(150, 60, 2, 2)));

    assertThat(v.result()).isEqualTo(SnapshotResult.UNCHANGED);
    assertThat(v.classificationReason()).isEqualTo(ClassificationReason.BELOW_THRESHOLD);
    assertThat(v.diffPixelCount()).isPositive();
    assertThat(v.diffPercentage()).isLessThan(2.5);
    assertThat(backend.complete().verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aRecolouredBoxIsChangedPixelWithImagesInTheReport() throws Exception {
    commitBaseline("Cart--total--price", page(BLUE));
    LocalBackend backend = open(settings(false));

    SnapshotVerdict v = judge(backend, "Cart--total--price", page(Color.RED));

    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.changeKind()).isEqualTo(ChangeKind.PIXEL);
    assertThat(v.diffPercentage()).isEqualTo(20.0);
    assertThat(v.ssim()).isBetween(0.0, 1.0);
    assertThat(v.reviewState()).isEqualTo(ReviewState.PENDING);
    assertThat(v.actionable()).isTrue();
    for (String rel : List.of(v.baselineImage(), v.currentImage(), v.diffImage())) {
      assertThat(Path.of(rel).isAbsolute()).isFalse();
      assertThat(widthOf(reportDir().resolve(rel))).isEqualTo(Pngs.W);
    }
    assertThat(Files.readAllBytes(baselines().resolve("Cart--total--price.png")))
        .as("update mode missing leaves changed baselines alone")
        .isEqualTo(page(BLUE));

    RunOutcome outcome = backend.complete();
    assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.counts().changed()).isEqualTo(1);
    assertThat(outcome.counts().unresolved()).isEqualTo(1);
    assertThat(OutcomeText.summary(outcome)).contains("Visual changes detected");
  }

  @Test
  void aThinNewRuleIsChangedStructural() throws Exception {
    commitBaseline("Guide--a--b", page(BLUE));
    LocalBackend backend = open(settings(false));

    SnapshotVerdict v =
        judge(
            backend,
            "Guide--a--b",
            page(
                BLUE,
                g -> {
                  g.setColor(Color.BLACK);
                  g.drawLine(0, 90, Pngs.W - 1, 90);
                }));

    assertThat(v.diffPercentage()).isLessThan(2.5);
    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.changeKind()).isEqualTo(ChangeKind.STRUCTURAL);
  }

  @Test
  void contentMovedDownIsChangedLayout() throws Exception {
    commitBaseline("Guide--a--b", page(BLUE));
    LocalBackend backend = open(settings(false));
    BufferedImage shifted = new BufferedImage(Pngs.W, Pngs.H, BufferedImage.TYPE_INT_ARGB);
    BufferedImage original = ImageIO.read(new ByteArrayInputStream(page(BLUE)));
    var g = shifted.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, Pngs.W, Pngs.H);
    g.drawImage(original, 0, 8, null);
    g.dispose();

    SnapshotVerdict v = judge(backend, "Guide--a--b", Pngs.encode(shifted));

    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.changeKind()).isEqualTo(ChangeKind.LAYOUT);
    assertThat(v.diffImage()).isNotNull();
  }

  @Test
  void newSnapshotOutsideCiIsRecordedWithANotice() throws Exception {
    LocalBackend backend = open(settings(false));

    SnapshotVerdict v = judge(backend, "Home--hero--x", page(BLUE));

    assertThat(v.result()).isEqualTo(SnapshotResult.NEW);
    assertThat(v.reviewState()).isEqualTo(ReviewState.APPROVED);
    assertThat(v.actionable()).isFalse();
    assertThat(v.note()).contains("new baseline recorded at").contains("Home--hero--x.png");
    assertThat(baselines().resolve("Home--hero--x.png")).hasBinaryContent(page(BLUE));

    backend.addShard(new Shard("HomeTest", List.of(snapshot("Home--hero--x", page(BLUE)))));
    RunOutcome outcome = backend.complete();
    assertThat(outcome.snapshots())
        .singleElement()
        .extracting(SnapshotVerdict::result)
        .as("the shard after judgeNow does not re-judge against the baseline it just wrote")
        .isEqualTo(SnapshotResult.NEW);
    assertThat(outcome.counts().added()).isEqualTo(1);
    assertThat(outcome.counts().unresolved()).isZero();
    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void newSnapshotInCiFailsAndWritesNothing() throws Exception {
    LocalBackend backend = open(settings(true));

    SnapshotVerdict v = judge(backend, "Home--hero--x", page(BLUE));

    assertThat(v.result()).isEqualTo(SnapshotResult.NEW);
    assertThat(v.actionable()).isTrue();
    assertThat(v.note()).contains("no baseline").contains("-Dvisualreview.update=missing");
    assertThat(baselines().resolve("Home--hero--x.png")).doesNotExist();
    RunOutcome outcome = backend.complete();
    assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(outcome.counts().added()).isEqualTo(1);
  }

  @Test
  void newSnapshotInCiWithUpdateMissingIsWrittenButStillFails() throws Exception {
    LocalBackend backend = open(settings(true).updateMode(UpdateMode.MISSING));

    SnapshotVerdict v = judge(backend, "Home--hero--x", page(BLUE));

    assertThat(v.actionable()).isTrue();
    assertThat(v.note()).contains("a missing baseline fails in CI");
    assertThat(baselines().resolve("Home--hero--x.png")).exists();
    assertThat(backend.complete().verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void baselinesNotProducedAreRemovedUnlessTheRunIsPartial() throws Exception {
    commitBaseline("Home--a--b", page(BLUE));
    commitBaseline("Home--gone--x", page(Color.GREEN));

    LocalBackend full = open(settings(false));
    judge(full, "Home--a--b", page(BLUE));
    RunOutcome outcome = full.complete();
    assertThat(outcome.snapshots())
        .filteredOn(v -> v.result() == SnapshotResult.REMOVED)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.identifier()).isEqualTo("Home--gone--x");
              assertThat(reportDir().resolve(v.baselineImage())).exists();
            });
    assertThat(outcome.snapshots().get(0).identifier())
        .as("changes first")
        .isEqualTo("Home--gone--x");
    assertThat(outcome.counts().removed()).isEqualTo(1);
    assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(baselines().resolve("Home--gone--x.png")).as("only mode all prunes").exists();

    LocalBackend partial = open(settings(false).partial(true));
    judge(partial, "Home--a--b", page(BLUE));
    RunOutcome partialOutcome = partial.complete();
    assertThat(partialOutcome.counts().removed()).isZero();
    assertThat(partialOutcome.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void baselinesOfTestClassesThatDidNotRunAreNotRemoved() throws Exception {
    commitBaseline("Home--a--b", page(BLUE));
    commitBaseline("Checkout--total--cart", page(Color.GREEN));
    LocalBackend backend = open(settings(false).updateMode(UpdateMode.ALL));
    judge(backend, "Home--a--b", page(BLUE));

    RunOutcome outcome = backend.complete();

    assertThat(outcome.counts().removed()).isZero();
    assertThat(baselines().resolve("Checkout--total--cart.png")).exists();
    assertThat(LocalBackend.group("Checkout--total--cart")).isEqualTo("Checkout");
    assertThat(LocalBackend.group("plain")).isEqualTo("plain");
  }

  @Test
  void updateModeNoneWritesNothing() throws Exception {
    commitBaseline("Cart--a--b", page(BLUE));
    LocalBackend backend = open(settings(false).updateMode(UpdateMode.NONE));

    judge(backend, "Cart--a--b", page(Color.RED));
    SnapshotVerdict added = judge(backend, "Cart--new--b", page(Color.RED));

    assertThat(added.actionable()).isTrue();
    assertThat(baselines().resolve("Cart--new--b.png")).doesNotExist();
    assertThat(baselines().resolve("Cart--a--b.png")).hasBinaryContent(page(BLUE));
    assertThat(backend.complete().counts().unresolved()).isEqualTo(2);
  }

  @Test
  void updateModeChangedOverwritesChangedBaselinesAndPasses() throws Exception {
    commitBaseline("Cart--a--b", page(BLUE));
    LocalBackend backend = open(settings(false).updateMode(UpdateMode.CHANGED));

    SnapshotVerdict v = judge(backend, "Cart--a--b", page(Color.RED));

    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.reviewState()).isEqualTo(ReviewState.APPROVED);
    assertThat(v.note()).contains("baseline updated at");
    assertThat(baselines().resolve("Cart--a--b.png")).hasBinaryContent(page(Color.RED));
    assertThat(reportDir().resolve(v.baselineImage()))
        .as("the report still shows what it was compared with")
        .hasBinaryContent(page(BLUE));
    assertThat(backend.complete().verdict()).isEqualTo(Verdict.PASS);

    LocalBackend next = open(settings(false).updateMode(UpdateMode.NONE));
    assertThat(judge(next, "Cart--a--b", page(Color.RED)).classificationReason())
        .isEqualTo(ClassificationReason.EXACT);
  }

  @Test
  void updateModeAllRewritesAndPrunes() throws Exception {
    commitBaseline("Home--a--b", page(BLUE));
    commitBaseline("Home--gone--x", page(Color.GREEN));
    LocalBackend backend = open(settings(false).updateMode(UpdateMode.ALL));

    judge(backend, "Home--a--b", page(BLUE, g -> g.fillRect(150, 60, 2, 2)));
    RunOutcome outcome = backend.complete();

    assertThat(baselines().resolve("Home--a--b.png"))
        .as("below-threshold renderings are rewritten too")
        .hasBinaryContent(page(BLUE, g -> g.fillRect(150, 60, 2, 2)));
    assertThat(baselines().resolve("Home--gone--x.png")).doesNotExist();
    assertThat(outcome.snapshots())
        .filteredOn(v -> v.result() == SnapshotResult.REMOVED)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.note()).contains("deleted");
              assertThat(v.actionable()).isFalse();
            });
    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void updateModeAllDoesNotPruneOnPartialRuns() throws Exception {
    commitBaseline("Home--gone--x", page(Color.GREEN));
    LocalBackend backend = open(settings(false).updateMode(UpdateMode.ALL).partial(true));
    judge(backend, "Home--a--b", page(BLUE));
    backend.complete();
    assertThat(baselines().resolve("Home--gone--x.png")).exists();
  }

  Path yml(String... idAndHash) throws Exception {
    StringBuilder y = new StringBuilder("version: 1\nsnapshots:\n");
    for (int i = 0; i < idAndHash.length; i += 2) {
      y.append("    ")
          .append(idAndHash[i])
          .append(":\n        hash: v1.k0badcafe.")
          .append(idAndHash[i + 1])
          .append(".nLLctRtkb0YmsiYDcQmupSK1O6mGn1xdNzcihsIgN0c\n");
    }
    Path file = work.resolve("snapshots.yml");
    Files.writeString(file, y);
    return file;
  }

  @Test
  void snapshotsYmlDecidesAndTheImageStoreSuppliesThePixels() throws Exception {
    // on main: the suite ran and cached the image behind the hash snapshots.yml pins
    Path yml = yml("Cart--a--b", hash(page(BLUE)));
    LocalBackend onMain = open(settings(false).baselineFile(yml).updateMode(UpdateMode.NONE));
    assertThat(judge(onMain, "Cart--a--b", page(BLUE)).classificationReason())
        .isEqualTo(ClassificationReason.EXACT);
    onMain.complete();
    assertThat(baselines()).doesNotExist();

    // on a branch: the box turned red; no committed baseline image, yet a real diff
    LocalBackend onBranch = open(settings(false).baselineFile(yml).updateMode(UpdateMode.NONE));
    SnapshotVerdict v = judge(onBranch, "Cart--a--b", page(Color.RED));
    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.changeKind()).isEqualTo(ChangeKind.PIXEL);
    assertThat(reportDir().resolve(v.baselineImage())).hasBinaryContent(page(BLUE));
    assertThat(v.diffImage()).isNotNull();
  }

  @Test
  void snapshotsYmlWinsOverADifferentLocalBaseline() throws Exception {
    commitBaseline("Cart--a--b", page(Color.GREEN));
    LocalBackend backend = open(settings(false).baselineFile(yml("Cart--a--b", hash(page(BLUE)))));
    assertThat(judge(backend, "Cart--a--b", page(BLUE)).classificationReason())
        .isEqualTo(ClassificationReason.EXACT);
  }

  @Test
  void aPinnedHashWithoutAnImageSaysSoInsteadOfInventingADiff() throws Exception {
    commitBaseline("Cart--a--b", page(Color.GREEN));
    String pinned = "ab".repeat(32);
    LocalBackend backend = open(settings(false).baselineFile(yml("Cart--a--b", pinned)));

    SnapshotVerdict v = judge(backend, "Cart--a--b", page(BLUE));

    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.changeKind()).isEqualTo(ChangeKind.NONE);
    assertThat(v.diffPercentage()).isNull();
    assertThat(v.baselineImage()).isNull();
    assertThat(v.diffImage()).isNull();
    assertThat(v.note())
        .contains("snapshots.yml expects baseline hash abababababab")
        .contains("no image with that hash is on this machine");
  }

  @Test
  void pinnedChangesAreNotAcceptedByLocalUpdates() throws Exception {
    Path yml = yml("Cart--a--b", hash(page(BLUE)));
    open(settings(false).baselineFile(yml)).judgeNow(List.of(snapshot("Cart--a--b", page(BLUE))));
    LocalBackend backend = open(settings(false).baselineFile(yml).updateMode(UpdateMode.CHANGED));

    SnapshotVerdict v = judge(backend, "Cart--a--b", page(Color.RED));

    assertThat(v.actionable()).isTrue();
    assertThat(v.note()).contains("approve it on PostHog");
    assertThat(Files.readString(yml)).contains(hash(page(BLUE)));
  }

  @Test
  void ymlEntriesNotProducedAreRemoved() throws Exception {
    LocalBackend backend =
        open(settings(false).baselineFile(yml("Home--gone--b", hash(page(BLUE)))));
    judge(backend, "Home--a--b", page(BLUE));
    assertThat(backend.complete().snapshots())
        .filteredOn(v -> v.result() == SnapshotResult.REMOVED)
        .extracting(SnapshotVerdict::identifier)
        .containsExactly("Home--gone--b");
  }

  @Test
  void aCorruptBaselineImageIsReportedNotThrown() throws Exception {
    Files.createDirectories(baselines());
    Files.writeString(baselines().resolve("Cart--a--b.png"), "<<<<<<< HEAD");
    LocalBackend backend = open(settings(false));

    SnapshotVerdict v = judge(backend, "Cart--a--b", page(BLUE));

    assertThat(v.result()).isEqualTo(SnapshotResult.CHANGED);
    assertThat(v.note()).contains("is not a usable PNG").contains("-Dvisualreview.update=changed");
  }

  @Test
  void openClearsImagesOfTheLastRun() throws Exception {
    LocalBackend first = open(settings(false).updateMode(UpdateMode.NONE));
    SnapshotVerdict v = judge(first, "Old--a--b", page(BLUE));
    assertThat(reportDir().resolve(v.currentImage())).exists();
    open(settings(false));
    assertThat(reportDir().resolve(v.currentImage())).doesNotExist();
  }

  @Test
  void observeRunsWarnOnDriftWhenTolerated() throws Exception {
    commitBaseline("Cart--a--b", page(BLUE));
    LocalBackend backend =
        open(settings(true).run("playwright", "main", "abc", Purpose.OBSERVE).tolerateDrift(true));
    judge(backend, "Cart--a--b", page(Color.RED));

    RunOutcome outcome = backend.complete();

    assertThat(outcome.verdict()).isEqualTo(Verdict.WARN);
    assertThat(outcome.exitCode()).isZero();
    assertThat(OutcomeText.summary(outcome)).contains("Unapproved snapshot drift on main");
    assertThat(outcome.branch()).isEqualTo("main");
  }

  @Test
  void theOutcomeSummaryNamesTheReport() throws Exception {
    commitBaseline("Cart--a--b", page(BLUE));
    LocalBackend backend = open(settings(false));
    judge(backend, "Cart--a--b", page(Color.RED));
    RunOutcome outcome = backend.complete();
    assertThat(outcome.reviewUrl()).endsWith("index.html");
    assertThat(OutcomeText.summary(outcome))
        .contains("  changed: Cart--a--b (20.00% diff)")
        .endsWith("Visual changes detected — review at: " + outcome.reviewUrl());
  }

  @Test
  void concurrentTestsAndShardsLoseNothing() throws Exception {
    for (int i = 0; i < 40; i++) {
      commitBaseline("T--m--s" + i, page(BLUE));
    }
    LocalBackend backend = open(settings(false));
    byte[] red = page(Color.RED);
    byte[] blue = page(BLUE);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String id = "T--m--s" + i;
        byte[] png = i % 4 == 0 ? red : blue;
        futures.add(pool.submit(() -> backend.judgeNow(List.of(snapshot(id, png)))));
        futures.add(
            pool.submit(() -> backend.addShard(new Shard("T", List.of(snapshot(id, png))))));
      }
      for (var f : futures) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    RunOutcome outcome = backend.complete();
    assertThat(outcome.counts().total()).isEqualTo(80);
    assertThat(outcome.counts().changed()).isEqualTo(10);
    assertThat(outcome.counts().added()).isEqualTo(40);
    assertThat(outcome.counts().unchanged()).isEqualTo(30);
  }
}
