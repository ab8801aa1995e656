package dev.visualreview.cli;

import dev.visualreview.ConfigKeys;
import dev.visualreview.api.Sleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.report.ReviewControls.Action;
import dev.visualreview.report.ReviewControls.Kind;
import dev.visualreview.review.BrowserLauncher;
import dev.visualreview.review.LocalReview;
import dev.visualreview.review.PostHogReview;
import dev.visualreview.review.ReportFolder;
import dev.visualreview.review.Review;
import dev.visualreview.review.ReviewException;
import dev.visualreview.review.ReviewServer;
import dev.visualreview.run.BackendFactory;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.VisualReviewConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code review}: looks at the last run's report and accepts changes without rerunning the suite.
 * Without an action it serves the report on 127.0.0.1 with Accept buttons and opens it; {@code
 * --list}, {@code --accept}, {@code --accept-all} and {@code --prune} do the same from a terminal.
 * Exit codes: 0 nothing is left to review, 1 changes still need review, 2 bad input or a failure.
 */
final class ReviewCommand implements Command {
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar visual-review.jar review [options]            serve the report, open it",
          "       java -jar visual-review.jar review --list               print what needs review",
          "       java -jar visual-review.jar review --accept ID...       accept these changes",
          "       java -jar visual-review.jar review --accept-all         accept every change",
          "       java -jar visual-review.jar review --prune ID...        delete baselines of removed",
          "                                                               snapshots (local, after a",
          "                                                               run of the whole suite)",
          "",
          "Reads the last run's report (result.json) in the module folder. Local runs: accepting",
          "writes the image the run kept as the baseline. PostHog runs (the key comes from",
          "POSTHOG_PERSONAL_API_KEY): accepting approves on PostHog and, once no change is left,",
          "finalizes the run and writes the signed baseline PostHog returns to snapshots.yml.",
          "",
          "options:",
          "  --dir DIR              the module folder (default: the current one, or the only",
          "                         sub-folder that has a report)",
          "  --report-dir DIR       the report folder (default target/visual-review)",
          "  --baseline-dir DIR     local baseline images (default src/test/visual-baselines)",
          "  --baseline FILE        snapshots.yml (default snapshots.yml)",
          "  --run-id ID            review this PostHog run (default: the report's run)",
          "  --api URL, --team ID   PostHog host and project (defaults as for `run complete`)",
          "  --commit-to-github     PostHog commits the new baseline to the PR branch itself",
          "                         instead of returning it to be written to snapshots.yml",
          "  --port N               serve on this port (default: a free one)",
          "  --no-open              print the page's address without opening a browser",
          "",
          "Settings also come from -Dvisualreview.* system properties, the module's",
          "src/test/resources/junit-platform.properties, and VISUALREVIEW_* variables.",
          "exit codes: 0 nothing left to review, 1 changes still need review, 2 bad input or",
          "failure");

  /** The options that are settings, and the setting each one sets. */
  private static final Map<String, String> OPTION_KEYS =
      Map.of(
          "--report-dir", ConfigKeys.REPORT_DIR,
          "--baseline-dir", ConfigKeys.BASELINE_DIR,
          "--baseline", ConfigKeys.BASELINE,
          "--api", ConfigKeys.POSTHOG_HOST,
          "--team", ConfigKeys.POSTHOG_PROJECT_ID);

  private static final Set<String> VALUES =
      Set.of(
          "--dir",
          "--report-dir",
          "--baseline-dir",
          "--baseline",
          "--run-id",
          "--api",
          "--team",
          "--port");
  private static final Set<String> FLAGS =
      Set.of("--list", "--accept-all", "--commit-to-github", "--no-open");
  private static final Set<String> LISTS = Set.of("--accept", "--prune");

  static final String JUNIT_PROPERTIES = "src/test/resources/junit-platform.properties";

  private final Map<String, String> env;
  private final Properties system;
  private final Path workDir;
  private final BrowserLauncher browser;

  ReviewCommand(Map<String, String> env, Properties system, Path workDir, BrowserLauncher browser) {
    this.env = env;
    this.system = system;
    this.workDir = workDir;
    this.browser = browser;
  }

  /** Parsed command line: single options by name, and the identifiers of --accept / --prune. */
  record Options(Map<String, String> values, List<String> accept, List<String> prune) {
    boolean has(String option) {
      return values.containsKey(option);
    }

    String get(String option) {
      return values.get(option);
    }

    boolean acting() {
      return !accept.isEmpty() || !prune.isEmpty() || has("--accept-all");
    }
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
      out.println(USAGE);
      return OK;
    }
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("visual-review review: " + e.getMessage() + "\n\n" + USAGE);
      return FAILURE;
    }
    try {
      Review review = open(o, err);
      if (o.has("--list")) {
        return list(review, out, err);
      }
      if (o.acting()) {
        return act(review, o, err);
      }
      return serve(review, o, out, err);
    } catch (ReviewException e) {
      err.println("visual-review review: " + e.getMessage());
      return FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILURE;
    } catch (RuntimeException e) {
      err.println("visual-review review: " + e.getMessage());
      return FAILURE;
    }
  }

  // ---- actions

  private static int list(Review review, PrintStream out, PrintStream err) {
    Map<String, Action> actions = review.actions();
    List<SnapshotVerdict> pending = review.pending();
    for (SnapshotVerdict v : pending) {
      out.println(line(v, actions.getOrDefault(v.identifier(), Action.none(""))));
    }
    if (pending.isEmpty()) {
      err.println("Nothing needs review.");
      return OK;
    }
    err.println(
        pending.size()
            + " snapshot(s) need review: accept with `review --accept ID...` or `review"
            + " --accept-all`.");
    return CHANGES;
  }

  /** {@code changed: id (3.21% diff, pixel)}, with what to do or why nothing can be done. */
  static String line(SnapshotVerdict v, Action a) {
    StringBuilder b = new StringBuilder(v.result().wire()).append(": ").append(v.identifier());
    List<String> details = new ArrayList<>();
    if (v.diffPercentage() != null) {
      details.add(String.format(Locale.ROOT, "%.2f%% diff", v.diffPercentage()));
    }
    if (!v.changeKind().wire().isEmpty()) {
      details.add(v.changeKind().wire());
    }
    if (!details.isEmpty()) {
      b.append(" (").append(String.join(", ", details)).append(')');
    }
    if (a.kind() == Kind.PRUNE) {
      b.append(" — no test produces it: delete its baseline with --prune");
    } else if (a.kind() == Kind.NONE && !a.reason().isEmpty()) {
      b.append(" — cannot be accepted here: ").append(a.reason());
    }
    return b.toString();
  }

  /** Prunes, then accepts; the review prints each line as it acts. */
  private static int act(Review review, Options o, PrintStream err) {
    int remaining = review.outcome().counts().unresolved();
    if (!o.prune().isEmpty()) {
      remaining = review.prune(o.prune()).remaining();
    }
    if (o.has("--accept-all")) {
      remaining = review.acceptAll().remaining();
    } else if (!o.accept().isEmpty()) {
      remaining = review.accept(o.accept()).remaining();
    }
    return finish(remaining, err);
  }

  private static int finish(int remaining, PrintStream err) {
    if (remaining > 0) {
      err.println(remaining + " snapshot(s) still need review (review --list shows them).");
      return CHANGES;
    }
    err.println("Nothing left to review.");
    return OK;
  }

  private int serve(Review review, Options o, PrintStream out, PrintStream err)
      throws InterruptedException {
    int port = port(o);
    ReviewServer server = ReviewServer.start(review, port, err::println);
    Thread hook = new Thread(server::close, "visual-review-server-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      URI uri = server.uri();
      out.println(uri);
      out.flush();
      err.println("Review page: " + uri + " (stop with the page's Done button or Ctrl+C)");
      if (!o.has("--no-open") && !"true".equalsIgnoreCase(env.get("CI"))) {
        browser.open(uri, err::println);
      }
      server.awaitStop();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
    return finish(review.outcome().counts().unresolved(), err);
  }

  private static int port(Options o) {
    String p = o.get("--port");
    if (p == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(p.trim());
      if (n < 0 || n > 65_535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ReviewException.badInput("--port must be a port number (0-65535), got '" + p + "'");
    }
  }

  // ---- finding the run

  private Review open(Options o, PrintStream err) {
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
      Options o,
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
  private VisualReviewConfig config(Options o, Path moduleDir) {
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

  static Options parse(List<String> args) {
    Arguments a = Arguments.parse(args, FLAGS, VALUES, LISTS);
    List<String> accept = a.list("--accept");
    List<String> prune = a.list("--prune");
    Map<String, String> values = a.values();
    Options o = new Options(values, accept, prune);
    int modes = (o.has("--list") ? 1 : 0) + (o.acting() ? 1 : 0);
    if (modes > 1) {
      throw new IllegalArgumentException("--list cannot be combined with accepting or pruning");
    }
    if (o.has("--accept-all") && !accept.isEmpty()) {
      throw new IllegalArgumentException("pass either --accept ID... or --accept-all, not both");
    }
    if ((o.has("--port") || o.has("--no-open")) && (o.has("--list") || o.acting())) {
      throw new IllegalArgumentException(
          "--port and --no-open apply to serving the page, not to --list, --accept or --prune");
    }
    return o;
  }
}
