package dev.visualreview.cli;

import dev.visualreview.api.ApiKey;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.api.Sleeper;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.ci.CiContext;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.posthog.FailurePolicy;
import dev.visualreview.run.posthog.PostHogBackend;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private static final String KEY_VARIABLE = "POSTHOG_PERSONAL_API_KEY";
  private static final String KEY_PROPERTY = "visualreview.posthog.apiKey";
  private static final String COUNTS_LOG_PREFIX = "Run complete: ";

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
      err.println(redacted("visual-review run " + sub + ": " + e.getMessage()));
      return FAILURE;
    }
  }

  /**
   * A last guard before text reaches the terminal or a CI log: the client already removes the key
   * from everything a server sends, this also covers text from anywhere else.
   */
  private String redacted(String text) {
    KeySource key = key();
    return key == null ? text : ApiKey.of(key.value(), key.source()).redact(text);
  }

  /** The key and where it was read: the environment first, then the system property. */
  private record KeySource(String value, String source) {}

  private KeySource key() {
    String fromEnv = env.get(KEY_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new KeySource(fromEnv, "the environment variable " + KEY_VARIABLE);
    }
    String fromProperty = system.getProperty(KEY_PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return new KeySource(fromProperty, "the system property " + KEY_PROPERTY);
    }
    return null;
  }

  private int create(Map<String, String> o, PrintStream out, PrintStream err) {
    if (o.containsKey("--run-id")
        || o.containsKey("--auto-approve")
        || o.containsKey("--tolerate-drift")) {
      throw new IllegalArgumentException(
          "--run-id, --auto-approve and --tolerate-drift belong to `run complete`");
    }
    Resolved r = resolve(o, true);
    PostHogBackend backend =
        new PostHogBackend(r.settings(null), r.client(err), line -> err.println(redacted(line)));
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
    Set<String> countsLogged = new HashSet<>();
    PostHogBackend backend =
        new PostHogBackend(
            r.settings(runId.trim()),
            r.client(err),
            line -> {
              err.println(redacted(prefix + line));
              if (line.startsWith(COUNTS_LOG_PREFIX)) {
                countsLogged.add(line.substring(COUNTS_LOG_PREFIX.length()));
              }
            });
    RunOutcome outcome = backend.completeAndJudge(runId.trim());
    for (String line : outcome.summary().split("\n")) {
      if (!countsLogged.remove(line)) { // the counts were printed already as "Run complete: ..."
        err.println(redacted(prefix + line));
      }
    }
    boolean drift = outcome.purpose().equals("observe") && outcome.verdict() != Verdict.PASS;
    if (drift && "true".equals(env.get("GITHUB_ACTIONS"))) {
      out.println(
          redacted(
              "::warning::" + OutcomeRules.driftWarning(outcome.branch(), outcome.reviewUrl())));
    }
    return outcome.exitCode();
  }

  private record Resolved(
      ApiSettings api,
      String repo,
      String type,
      String purpose,
      CiContext ci,
      boolean partial,
      boolean tolerateDrift,
      boolean autoApprove,
      Path baseline) {

    PostHogBackend.Settings settings(String joinRunId) {
      Map<String, Object> metadata = new LinkedHashMap<>(ci.metadata());
      return new PostHogBackend.Settings(
          api,
          repo,
          type,
          purpose,
          ci.branch(),
          ci.commitSha(),
          ci.prNumber(),
          partial,
          metadata,
          null,
          tolerateDrift,
          autoApprove,
          baseline,
          joinRunId,
          FailurePolicy.FAIL);
    }

    VisualReviewClient client(PrintStream err) {
      return new VisualReviewClient(
          api, Sleeper.REAL, line -> err.println(api.apiKey().redact("[visual-review] " + line)));
    }
  }

  private Resolved resolve(Map<String, String> o, boolean creating) {
    Path baselinePath = workDir.resolve(o.getOrDefault("--baseline", "snapshots.yml"));
    BaselineFile baseline = BaselineFile.read(baselinePath);
    if (baseline.problem().isPresent()) {
      throw new IllegalArgumentException(
          "baseline file "
              + baselinePath
              + " is not a PostHog baseline file: it "
              + baseline.problem().get()
              + ". Restore it (git checkout -- "
              + baselinePath
              + "), or pass --baseline with the snapshots.yml PostHog writes");
    }
    String host = first(o.get("--api"), baseline.api().orElse(null), "https://us.posthog.com");
    String team = first(o.get("--team"), baseline.team().orElse(null), null);
    if (team == null) {
      throw new IllegalArgumentException(
          "Team ID required: pass --team or set config.team in " + baselinePath);
    }
    String repo = first(o.get("--repo"), baseline.repo().orElse(null), null);
    if (repo == null && creating) {
      throw new IllegalArgumentException(
          "Repo ID required: pass --repo or set config.repo in " + baselinePath);
    }
    KeySource key = key();
    if (key == null) {
      throw new IllegalArgumentException(
          "no PostHog API key: set the environment variable "
              + KEY_VARIABLE
              + " to a personal API key with the visual_review:write scope");
    }
    ApiSettings api = ApiSettings.of(host, team, ApiKey.of(key.value(), key.source()));
    Duration interval = seconds(o, "--poll-interval", ApiSettings.DEFAULT_POLL_INTERVAL);
    Duration timeout = seconds(o, "--timeout", ApiSettings.DEFAULT_POLL_DEADLINE);
    api = api.withPolling(interval, timeout);

    CiContext ci =
        CiContext.detect(env, workDir).withOverrides(o.get("--commit"), o.get("--branch"), pr(o));
    if (o.containsKey("--pr") && o.get("--pr").isBlank()) {
      ci =
          new CiContext(
              ci.commitSha(),
              ci.branch(),
              null,
              ci.defaultBranchPush(),
              ci.provider(),
              ci.metadata());
    }
    String purpose = o.get("--purpose");
    if (purpose == null) {
      purpose = ci.defaultBranchPush() ? "observe" : "review";
    }
    return new Resolved(
        api,
        repo,
        o.getOrDefault("--type", "junit"),
        purpose,
        ci,
        o.containsKey("--partial"),
        o.containsKey("--tolerate-drift"),
        o.containsKey("--auto-approve"),
        baselinePath);
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

  private static String first(String a, String b, String c) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    if (b != null && !b.isBlank()) {
      return b.trim();
    }
    return c;
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
