package dev.visualreview.cli;

import dev.visualreview.ConfigKeys;
import dev.visualreview.api.Sleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.review.LocalReview;
import dev.visualreview.review.PostHogReview;
import dev.visualreview.review.ReportFolder;
import dev.visualreview.review.Review;
import dev.visualreview.review.ReviewException;
import dev.visualreview.run.BackendFactory;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.VisualReviewConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds the run {@code review} is about and builds its review: the module folder (given, the
 * current one, or the only sub-folder with a report), the settings as the suite read them, the
 * report, and then a local review or, for a PostHog run, a client with the key from the
 * environment.
 */
final class ReviewSetup {
  /** The options that are settings, and the setting each one sets. */
  private static final Map<String, String> OPTION_KEYS =
      Map.of(
          "--report-dir", ConfigKeys.REPORT_DIR,
          "--baseline-dir", ConfigKeys.BASELINE_DIR,
          "--baseline", ConfigKeys.BASELINE,
          "--api", ConfigKeys.POSTHOG_HOST,
          "--team", ConfigKeys.POSTHOG_PROJECT_ID);

  static final String JUNIT_PROPERTIES = "src/test/resources/junit-platform.properties";

  private final Map<String, String> env;
  private final Properties system;
  private final Path workDir;

  ReviewSetup(Map<String, String> env, Properties system, Path workDir) {
    this.env = env;
    this.system = system;
    this.workDir = workDir;
  }

  /**
   * The review of the run the options point at.
   *
   * @throws ReviewException when there is no usable report or run, naming what to do
   */
  Review open(ReviewCommand.Options o, PrintStream err) {
    Path moduleDir = o.has("--dir") ? workDir.resolve(o.get("--dir")) : workDir;
    if (o.has("--dir") && !Files.isDirectory(moduleDir)) {
      throw ReviewException.badInput("--dir " + o.get("--dir") + ": no such folder " + moduleDir);
    }
    VisualReviewConfig config = config(o, moduleDir);
    ReportFolder folder = new ReportFolder(moduleDir.resolve(config.reportDir()));
    if (!folder.exists() && !o.has("--dir") && !config.reportDir().isAbsolute()) {
      Optional<Path> found = onlyModuleWithReport(config.reportDir());
      if (found.isPresent()) {
        moduleDir = found.get();
        config = config(o, moduleDir);
        folder = new ReportFolder(moduleDir.resolve(config.reportDir()));
        err.println("Reviewing the report in " + folder.dir());
      }
    }
    if (o.has("--run-id")) {
      ReportFolder.LastRun last = folder.exists() ? folder.read() : null;
      boolean same = last != null && o.get("--run-id").trim().equals(last.outcome().runId());
      return postHog(
          o.get("--run-id").trim(),
          same ? last : null,
          same ? folder : null,
          config,
          moduleDir,
          o,
          err);
    }
    ReportFolder.LastRun last = folder.read();
    if (last.outcome().mode() == Mode.POSTHOG) {
      String runId = last.outcome().runId();
      if (runId == null || runId.isBlank()) {
        throw ReviewException.badInput(
            folder.resultJson()
                + " names no PostHog run (the run was not created: "
                + Optional.ofNullable(last.outcome().errorMessage()).orElse("no reason given")
                + ")");
      }
      return postHog(runId, last, folder, config, moduleDir, o, err);
    }
    if (o.has("--commit-to-github")) {
      throw ReviewException.badInput("--commit-to-github applies to PostHog runs only");
    }
    Path baselineFile = moduleDir.resolve(config.baseline());
    return new LocalReview(
        folder,
        last,
        moduleDir.resolve(config.baselineDir()),
        BaselineFile.read(baselineFile),
        err::println);
  }

  private Review postHog(
      String runId,
      ReportFolder.LastRun last,
      ReportFolder folder,
      VisualReviewConfig config,
      Path moduleDir,
      ReviewCommand.Options o,
      PrintStream err) {
    if (!o.prune().isEmpty()) {
      throw ReviewException.badInput(
          "--prune applies to local runs: PostHog drops removed snapshots from the baseline when"
              + " the run is finalized (--accept-all)");
    }
    BackendFactory.PostHogTarget target = BackendFactory.postHogTarget(config, env, moduleDir);
    if (target.projectId().isEmpty()) {
      throw ReviewException.badInput(
          "Team ID required: pass --team or set config.team in " + target.baselineFile());
    }
    if (target.apiKey().isEmpty()) {
      throw ReviewException.badInput(
          "no PostHog API key: set the environment variable "
              + VisualReviewConfig.API_KEY_ENVIRONMENT_VARIABLE
              + " to a personal API key with the visual_review:write scope");
    }
    VisualReviewClient client =
        new VisualReviewClient(
            target.api(config.pollInterval(), config.timeout()),
            Sleeper.REAL,
            line -> err.println("[visual-review] " + line));
    Map<String, String> sources = new LinkedHashMap<>();
    if (last != null) {
      last.outcome().snapshots().forEach(v -> sources.put(v.identifier(), v.source()));
    }
    return new PostHogReview(
        client,
        new PostHogReview.Settings(
            runId,
            target.baselineFile(),
            o.has("--commit-to-github"),
            last == null ? target.purpose() : last.outcome().purpose(),
            last != null && last.tolerateDrift(),
            sources,
            folder),
        err::println);
  }

  /** The one immediate sub-folder of the working folder that holds a report, if exactly one. */
  private Optional<Path> onlyModuleWithReport(Path reportDir) {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(workDir.toAbsolutePath())) {
      children
          .filter(Files::isDirectory)
          .filter(d -> Files.isRegularFile(d.resolve(reportDir).resolve("result.json")))
          .sorted()
          .forEach(found::add);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (found.size() > 1) {
      StringBuilder b = new StringBuilder("several modules have a report; pass --dir with one of:");
      found.forEach(p -> b.append("\n  ").append(workDir.toAbsolutePath().relativize(p)));
      throw ReviewException.badInput(b.toString());
    }
    return found.stream().findFirst();
  }

  /**
   * The settings as the suite read them: options first, then system properties, the module's {@code
   * junit-platform.properties}, then the environment.
   */
  private VisualReviewConfig config(ReviewCommand.Options o, Path moduleDir) {
    Properties junit = new Properties();
    Path file = moduleDir.resolve(JUNIT_PROPERTIES);
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        junit.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw ReviewException.badInput("cannot read " + file + ": " + e.getMessage());
      }
    }
    Map<String, String> flagOf = new LinkedHashMap<>();
    OPTION_KEYS.forEach(
        (flag, key) -> {
          if (o.has(flag)) {
            flagOf.put(key, flag);
          }
        });
    return VisualReviewConfig.parse(
        key -> {
          if (flagOf.containsKey(key)) {
            return Optional.of(o.get(flagOf.get(key)));
          }
          String v = system.getProperty(key);
          return Optional.ofNullable(v != null ? v : junit.getProperty(key));
        },
        env,
        key ->
            flagOf.containsKey(key)
                ? "option " + flagOf.get(key)
                : system.getProperty(key) != null
                    ? "system property " + key
                    : file + " (" + key + ")");
  }
}
