package dev.visualreview.cli;

import dev.visualreview.ConfigKeys;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.api.Sleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.report.OutcomeText;
import dev.visualreview.run.BackendFactory;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.config.VisualReviewConfig;
import dev.visualreview.run.posthog.PostHogBackend;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code run create} and {@code run complete}: a PostHog run shared by several jobs or JVMs, as the
 * PostHog CLI's {@code vr run create|complete} do. {@code create} prints only the run id on stdout;
 * {@code complete} completes the run, waits for it and exits 0 (clean), 1 (changes or failed run)
 * or 2 (the command failed).
 */
final class RunCommand implements Command {
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar visual-review.jar run create [options]",
          "       java -jar visual-review.jar run complete --run-id ID [options]",
          "",
          "The API key is read from the environment variable POSTHOG_PERSONAL_API_KEY",
          "(or the system property visualreview.posthog.apiKey); it needs visual_review:write.",
          "",
          "options:",
          "  --baseline FILE        snapshots.yml (default snapshots.yml); its config block gives",
          "                         the defaults of --api, --team and --repo",
          "  --api URL              PostHog host (default config.api, else https://us.posthog.com)",
          "  --team ID              PostHog project id (default config.team)",
          "  --repo UUID            Visual Review repo id (default config.repo)",
          "  --type TYPE            run type (create; default junit)",
          "  --branch NAME          branch (default: detected from CI, else git)",
          "  --commit SHA           commit (default: detected from CI, else git)",
          "  --pr NUMBER            pull request number ('' for none; default: detected)",
          "  --purpose review|observe  default observe on default-branch pushes, else review",
          "  --partial              only a subset was rendered (create)",
          "  --run-id ID            the run to complete (complete)",
          "  --tolerate-drift       observe drift warns (exit 0) instead of failing (complete)",
          "  --auto-approve         approve every change and write the new baseline (complete)",
          "  --poll-interval SECS   how often to check a processing run (default 5)",
          "  --timeout SECS         how long to wait for it (default 600)");

  /** The options that are settings, and the setting each one sets. */
  private static final Map<String, String> OPTION_KEYS =
      Map.ofEntries(
          Map.entry("--baseline", ConfigKeys.BASELINE),
          Map.entry("--api", ConfigKeys.POSTHOG_HOST),
          Map.entry("--team", ConfigKeys.POSTHOG_PROJECT_ID),
          Map.entry("--repo", ConfigKeys.POSTHOG_REPO_ID),
          Map.entry("--type", ConfigKeys.RUN_TYPE),
          Map.entry("--branch", ConfigKeys.BRANCH),
          Map.entry("--commit", ConfigKeys.COMMIT),
          Map.entry("--pr", ConfigKeys.PR),
          Map.entry("--purpose", ConfigKeys.PURPOSE),
          Map.entry("--tolerate-drift", ConfigKeys.TOLERATE_DRIFT),
          Map.entry("--auto-approve", ConfigKeys.AUTO_APPROVE));

  private static final Set<String> FLAGS =
      Set.of("--partial", "--tolerate-drift", "--auto-approve");
  private static final Set<String> VALUES =
      Set.of(
          "--baseline",
          "--api",
          "--team",
          "--repo",
          "--type",
          "--branch",
          "--commit",
          "--pr",
          "--purpose",
          "--run-id",
          "--poll-interval",
          "--timeout");

  private final Map<String, String> env;
  private final Properties system;
  private final Path workDir;

  RunCommand() {
    this(System.getenv(), System.getProperties(), Path.of(""));
  }

  RunCommand(Map<String, String> env, Properties system, Path workDir) {
    this.env = env;
    this.system = system;
    this.workDir = workDir;
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      (args.isEmpty() ? err : out).println(USAGE);
      return args.isEmpty() ? FAILURE : OK;
    }
    String sub = args.get(0);
    if (!sub.equals("create") && !sub.equals("complete")) {
      err.println("unknown run command '" + sub + "': expected create or complete\n\n" + USAGE);
      return FAILURE;
    }
    Map<String, String> options;
    try {
      options = parse(args.subList(1, args.size()));
    } catch (IllegalArgumentException e) {
      err.println("visual-review run " + sub + ": " + e.getMessage() + "\n\n" + USAGE);
      return FAILURE;
    }
    try {
      return sub.equals("create") ? create(options, out, err) : complete(options, out, err);
    } catch (RuntimeException e) {
      err.println("visual-review run " + sub + ": " + e.getMessage());
      return FAILURE;
    }
  }

  private int create(Map<String, String> o, PrintStream out, PrintStream err) {
    if (o.containsKey("--run-id")
        || o.containsKey("--auto-approve")
        || o.containsKey("--tolerate-drift")) {
      throw new IllegalArgumentException(
          "--run-id, --auto-approve and --tolerate-drift belong to `run complete`");
    }
    Resolved r = resolve(o, true);
    PostHogBackend.Settings settings =
        r.settings().partial(o.containsKey("--partial")).joinRunId(null).build();
    PostHogBackend backend = new PostHogBackend(settings, r.client(err), err::println);
    backend.open();
    out.print(backend.runId() + "\n");
    out.flush();
    return OK;
  }

  private int complete(Map<String, String> o, PrintStream out, PrintStream err) {
    String runId = o.get("--run-id");
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("--run-id is required: pass the id `run create` printed");
    }
    if (o.containsKey("--partial")) {
      throw new IllegalArgumentException("--partial belongs to `run create`");
    }
    Resolved r = resolve(o, false);
    String prefix = "[run:" + runId.trim() + "] ";
    PostHogBackend backend =
        new PostHogBackend(
            r.settings().joinRunId(runId.trim()).build(),
            r.client(err),
            line -> err.println(prefix + line));
    RunOutcome outcome = backend.completeAndJudge(runId.trim());
    for (String line : OutcomeText.summary(outcome).split("\n")) {
      err.println(prefix + line);
    }
    boolean drift = outcome.conclusion() instanceof Conclusion.Drift;
    if (drift && outcome.verdict() != Verdict.PASS && "true".equals(env.get("GITHUB_ACTIONS"))) {
      out.println("::warning::" + OutcomeText.driftWarning(outcome.branch(), outcome.reviewUrl()));
    }
    return outcome.exitCode();
  }

  /** The shared PostHog resolution, with this command's options applied on top. */
  private record Resolved(PostHogBackend.Settings.Builder settings, ApiSettings api) {
    VisualReviewClient client(PrintStream err) {
      return new VisualReviewClient(
          api, Sleeper.REAL, line -> err.println("[visual-review] " + line));
    }
  }

  /**
   * Resolves the run's target as the extension does ({@link BackendFactory#postHogTarget}), with
   * the options as configuration parameters: they win over system properties ({@code
   * -Dvisualreview.posthog.apiKey=...}) and the environment.
   */
  private Resolved resolve(Map<String, String> o, boolean creating) {
    pr(o); // names a bad --pr in the command's own words
    Map<String, String> parameters = new LinkedHashMap<>();
    Map<String, String> flagOf = new LinkedHashMap<>();
    OPTION_KEYS.forEach(
        (flag, key) -> {
          if (o.containsKey(flag)) {
            parameters.put(key, o.get(flag));
            flagOf.put(key, flag);
          }
        });
    VisualReviewConfig config =
        VisualReviewConfig.parse(
            key ->
                Optional.ofNullable(
                    parameters.containsKey(key) ? parameters.get(key) : system.getProperty(key)),
            env,
            key ->
                flagOf.containsKey(key) ? "option " + flagOf.get(key) : "system property " + key);
    BackendFactory.PostHogTarget target = BackendFactory.postHogTarget(config, env, workDir);
    if (target.projectId().isEmpty()) {
      throw new IllegalArgumentException(
          "Team ID required: pass --team or set config.team in " + target.baselineFile());
    }
    if (target.repoId().isEmpty() && creating) {
      throw new IllegalArgumentException(
          "Repo ID required: pass --repo or set config.repo in " + target.baselineFile());
    }
    if (target.apiKey().isEmpty()) {
      throw new IllegalArgumentException(
          "no PostHog API key: set the environment variable POSTHOG_PERSONAL_API_KEY to a personal"
              + " API key with the visual_review:write scope");
    }
    ApiSettings api =
        target.api(
            seconds(o, "--poll-interval", config.pollInterval()),
            seconds(o, "--timeout", config.timeout()));
    PostHogBackend.Settings.Builder settings = target.settings(config).api(api);
    if (o.containsKey("--pr") && o.get("--pr").isBlank()) {
      settings.revision(target.ci().branch(), target.ci().commitSha(), null);
    }
    return new Resolved(settings, api);
  }

  private static Integer pr(Map<String, String> o) {
    String v = o.get("--pr");
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--pr must be a positive pull request number, got '" + v + "'");
    }
  }

  private static Duration seconds(Map<String, String> o, String flag, Duration fallback) {
    String v = o.get(flag);
    if (v == null) {
      return fallback;
    }
    try {
      double s = Double.parseDouble(v.trim());
      if (!(s > 0) || s > 86_400) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(Math.round(s * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + " must be a number of seconds between 0 and 86400, got '" + v + "'");
    }
  }

  static Map<String, String> parse(List<String> args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (FLAGS.contains(name)) {
        if (value != null) {
          throw new IllegalArgumentException(name + " takes no value");
        }
        o.put(name, "true");
      } else if (VALUES.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          value = args.get(++i);
        }
        o.put(name, value);
      } else if (name.equals("--token")) {
        throw new IllegalArgumentException(
            "--token is not supported (a key on the command line ends up in process lists and"
                + " logs): set POSTHOG_PERSONAL_API_KEY instead");
      } else if (!name.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument at position " + (i + 1) + " (not shown): options start with --");
      } else {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    if (o.containsKey("--purpose") && !Set.of("review", "observe").contains(o.get("--purpose"))) {
      throw new IllegalArgumentException(
          "--purpose must be review or observe, got '" + o.get("--purpose") + "'");
    }
    return o;
  }
}
