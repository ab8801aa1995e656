package dev.visualreview.review;

import dev.visualreview.api.ApiKey;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.api.Sleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.api.contract.ContractServer;
import dev.visualreview.api.contract.TestPngs;
import dev.visualreview.report.Reports;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.posthog.PostHogBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A module that ran its suite against the contract server: {@code snapshots.yml} names the server,
 * the run has two changed snapshots, a new one and an unchanged one, and the report folder holds
 * the run's {@code result.json}, as after {@code mvn verify} in PostHog mode.
 */
public final class PostHogRun implements AutoCloseable {
  public static final String CART = "Shop--cart--total";
  public static final String HEADER = "Shop--header--bar";
  public static final String HERO = "Shop--hero--banner";
  public static final String FOOTER = "Shop--footer--links";

  public final ContractServer server = ContractServer.start();
  public final Path module;
  public final Path reportDir;
  public final Path baselineFile;
  public final List<String> log = new CopyOnWriteArrayList<>();
  public String runId;

  public PostHogRun(Path module) {
    this.module = module;
    this.reportDir = module.resolve("target/visual-review");
    this.baselineFile = module.resolve("snapshots.yml");
    server.setPollsUntilComplete(0);
    try {
      Files.writeString(
          baselineFile,
          "version: 1\nconfig:\n    api: "
              + server.host()
              + "\n    team: '2'\n    repo: "
              + server.repoId()
              + "\nsnapshots: {}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] oldCart = TestPngs.numbered(100);
    byte[] oldHeader = TestPngs.numbered(101);
    server.storeArtifact(server.repoId(), oldCart);
    server.storeArtifact(server.repoId(), oldHeader);
    server.setBaseline(
        server.repoId(),
        "junit",
        Map.of(
            CART, TestPngs.hash(oldCart),
            HEADER, TestPngs.hash(oldHeader),
            FOOTER, TestPngs.hash(TestPngs.numbered(4))));
  }

  /** The image each snapshot has in the run. */
  public static byte[] current(String id) {
    return TestPngs.numbered(
        switch (id) {
          case CART -> 1;
          case HEADER -> 2;
          case HERO -> 3;
          default -> 4;
        });
  }

  /** Runs the suite once on {@code branch} and writes its report; returns the outcome. */
  public RunOutcome run(String branch) {
    PostHogBackend backend =
        new PostHogBackend(
            PostHogBackend.Settings.builder(api())
                .repoId(server.repoId())
                .runType("junit")
                .purpose(Purpose.REVIEW)
                .revision(branch, "0123456789abcdef0123456789abcdef01234567", 42)
                .metadata(Map.of("github_run_id", "111", "github_check_run_id", "222"))
                .baselineFile(baselineFile)
                .build(),
            client(),
            log::add);
    backend.open();
    backend.addShard(
        new Shard(
            "ShopTest",
            List.of(snapshot(CART), snapshot(HEADER), snapshot(HERO), snapshot(FOOTER))));
    RunOutcome outcome = backend.complete();
    Reports.write(outcome, reportDir);
    runId = backend.runId();
    return outcome;
  }

  static Snapshot snapshot(String id) {
    byte[] png = current(id);
    return new Snapshot(id, png, TestPngs.hash(png), 8, 6, Map.of(), "ShopTest.page()");
  }

  public ApiSettings api() {
    return ApiSettings.of(server.host(), server.projectId(), ApiKey.of(server.apiKey()))
        .withPolling(Duration.ofMillis(5), Duration.ofSeconds(60));
  }

  public VisualReviewClient client() {
    return new VisualReviewClient(api(), Sleeper.REAL, log::add);
  }

  /** A review of the last run, as {@code review} builds it from the report. */
  public PostHogReview review(boolean commitToGithub) {
    ReportFolder folder = new ReportFolder(reportDir);
    ReportFolder.LastRun last = folder.read();
    Map<String, String> sources = new java.util.HashMap<>();
    last.outcome().snapshots().forEach(v -> sources.put(v.identifier(), v.source()));
    return new PostHogReview(
        client(),
        new PostHogReview.Settings(
            last.outcome().runId(),
            baselineFile,
            commitToGithub,
            last.outcome().purpose(),
            last.tolerateDrift(),
            sources,
            folder),
        log::add);
  }

  @Override
  public void close() {
    server.close();
  }
}
