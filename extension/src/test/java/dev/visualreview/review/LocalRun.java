package dev.visualreview.review;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.image.ContentHash;
import dev.visualreview.image.ImageHash;
import dev.visualreview.report.Reports;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.local.LocalBackend;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * A module folder with committed baselines and a real local run over it (the local backend judges,
 * the report is written), as a user has after {@code mvn verify}.
 */
final class LocalRun {
  final Path module;
  final Path baselines;
  final Path reportDir;
  private final Map<String, byte[]> shots = new LinkedHashMap<>();

  LocalRun(Path module) {
    this.module = module;
    this.baselines = module.resolve("src/test/visual-baselines");
    this.reportDir = module.resolve("target/visual-review");
  }

  /** A page-like PNG: white, a header bar and a box of this colour. */
  static byte[] page(Color box) {
    return page(box, g -> {});
  }

  static byte[] page(Color box, Consumer<Graphics2D> extra) {
    BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 100);
    g.setColor(new Color(30, 30, 60));
    g.fillRect(0, 0, 200, 12);
    g.setColor(box);
    g.fillRect(20, 30, 80, 50);
    extra.accept(g);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String hash(byte[] png) {
    return ContentHash.of(png).contentHash();
  }

  LocalRun baseline(String id, byte[] png) throws IOException {
    Files.createDirectories(baselines);
    Files.write(baselines.resolve(id + ".png"), png);
    return this;
  }

  LocalRun shot(String id, byte[] png) {
    shots.put(id, png);
    return this;
  }

  byte[] baselineBytes(String id) throws IOException {
    return Files.readAllBytes(baselines.resolve(id + ".png"));
  }

  /** Runs the local backend over the shots (in CI mode: nothing recorded) and writes the report. */
  RunOutcome run() {
    return run(true);
  }

  RunOutcome run(boolean ci) {
    LocalBackend backend =
        new LocalBackend(
            LocalBackend.Settings.builder(module, ci, Map.of())
                .imageStore(null, 1)
                .reportDir(reportDir)
                .build());
    backend.open();
    List<Snapshot> list = new ArrayList<>();
    shots.forEach(
        (id, png) -> {
          ImageHash h = ContentHash.of(png);
          list.add(
              new Snapshot(
                  id, png, h.contentHash(), h.width(), h.height(), Map.of(), "Shop.test()"));
        });
    backend.judgeNow(list);
    RunOutcome outcome = backend.complete();
    Reports.write(outcome, reportDir);
    return outcome;
  }

  ReportFolder folder() {
    return new ReportFolder(reportDir);
  }

  /** A review of the last run, with this module's defaults. */
  LocalReview review(List<String> log) {
    return review(log, BaselineFile.absent(module.resolve("snapshots.yml")));
  }

  LocalReview review(List<String> log, BaselineFile yml) {
    ReportFolder folder = folder();
    return new LocalReview(folder, folder.read(), baselines, yml, log::add);
  }

  /** Adds {@code "partial": value} to result.json, as a run that records its scope writes it. */
  /** Removes the {@code partial} field, as in a report of a version that did not write it. */
  void forgetPartial() throws IOException {
    Path file = reportDir.resolve("result.json");
    Files.writeString(
        file, Files.readString(file).replaceAll("\\n  \"partial\" : (true|false),", ""));
  }

  void markPartial(boolean value) throws IOException {
    Path file = reportDir.resolve("result.json");
    String json = Files.readString(file).replaceAll("\\n  \"partial\" : (true|false),", "");
    Files.writeString(file, json.replaceFirst("\\{", "{\n  \"partial\" : " + value + ","));
  }
}
