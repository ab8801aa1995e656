package dev.visualreview;

/**
 * Every setting of visual-review-junit. Each is a JUnit configuration parameter ({@code
 * junit-platform.properties}, {@code -Dkey=value}, Surefire {@code configurationParameters}); when
 * a parameter is absent, the environment variable from {@link #environmentVariable(String)} is
 * used, e.g. {@code VISUALREVIEW_MODE} for {@code visualreview.mode}. The API key also falls back
 * to {@code POSTHOG_PERSONAL_API_KEY}.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** Prefix of every key. */
  public static final String PREFIX = "visualreview.";

  /**
   * {@code auto} (default: PostHog when API key, project and repo are known, else local), {@code
   * local}, {@code posthog} or {@code off} (captures are skipped, nothing is judged).
   */
  public static final String MODE = PREFIX + "mode";

  /** PostHog host; default the baseline file's {@code config.api}, else https://us.posthog.com. */
  public static final String POSTHOG_HOST = PREFIX + "posthog.host";

  /** PostHog project (team) id; default the baseline file's {@code config.team}. */
  public static final String POSTHOG_PROJECT_ID = PREFIX + "posthog.projectId";

  /** Visual Review repo id (UUID); default the baseline file's {@code config.repo}. */
  public static final String POSTHOG_REPO_ID = PREFIX + "posthog.repoId";

  /** Personal API key; prefer the environment variable {@code POSTHOG_PERSONAL_API_KEY}. */
  public static final String POSTHOG_API_KEY = PREFIX + "posthog.apiKey";

  /** Milliseconds between polls while PostHog processes a completed run (default 5000). */
  public static final String POSTHOG_POLL_INTERVAL_MILLIS = PREFIX + "posthog.pollIntervalMillis";

  /** The run type sent to PostHog (default {@code junit}). */
  public static final String RUN_TYPE = PREFIX + "runType";

  /** Path of the baseline file {@code snapshots.yml} (default {@code snapshots.yml}). */
  public static final String BASELINE = PREFIX + "baseline";

  /** {@code review} or {@code observe}; default observe on default-branch pushes, else review. */
  public static final String PURPOSE = PREFIX + "purpose";

  /** {@code true}: observe-run drift warns instead of failing (default {@code false}). */
  public static final String TOLERATE_DRIFT = PREFIX + "tolerateDrift";

  /** {@code true}: approve all changes and write the new baseline file (default {@code false}). */
  public static final String AUTO_APPROVE = PREFIX + "autoApprove";

  /** Join this existing run (shard mode): add shards only, never complete. */
  public static final String RUN_ID = PREFIX + "runId";

  /**
   * Identifier template; placeholders {class}, {method}, {name}, {index}, {display}, {engine},
   * {browser}.
   */
  public static final String IDENTIFIER_TEMPLATE = PREFIX + "identifierTemplate";

  /**
   * How invocations of a parameterised test are told apart in identifiers: {@code auto} (default:
   * by their arguments, except that an invocation whose baseline exists only under its index keeps
   * the index), {@code arguments} (always by arguments), {@code index} (always by index).
   */
  public static final String INVOCATION_NAMES = PREFIX + "invocationNames";

  /**
   * Whether the run covers only part of the suite: {@code auto} (default: detected from the test
   * plan), {@code true} or {@code false}. A partial run never reports or deletes baselines of tests
   * that did not run.
   */
  public static final String PARTIAL = PREFIX + "partial";

  /** {@code fail} (default) or {@code warn} when the service cannot be reached. */
  public static final String ON_UNREACHABLE = PREFIX + "onUnreachable";

  /**
   * Local baseline updates: {@code none} (default in CI), {@code missing} (default elsewhere),
   * {@code changed}, {@code all}.
   */
  public static final String UPDATE = PREFIX + "update";

  /** Directory of local baseline images (default {@code src/test/visual-baselines}). */
  public static final String BASELINE_DIR = PREFIX + "baselineDir";

  /** Directory of reports (default {@code target/visual-review}). */
  public static final String REPORT_DIR = PREFIX + "reportDir";

  /** Directory of the hash and image cache (default: the user's cache directory). */
  public static final String CACHE_DIR = PREFIX + "cache.dir";

  /** Branch override (default: detected from CI, else git). */
  public static final String BRANCH = PREFIX + "branch";

  /** Commit SHA override (default: detected from CI, else git). */
  public static final String COMMIT = PREFIX + "commit";

  /** Pull request number override (default: detected from CI; empty for none). */
  public static final String PR = PREFIX + "pr";

  /** Seconds to wait for uploads and the run's verdict at the end of the suite (default 600). */
  public static final String TIMEOUT_SECONDS = PREFIX + "timeoutSeconds";

  /** JVM system property only: {@code 1} decodes screenshots on the calling thread. */
  public static final String DECODE_THREADS = PREFIX + "decode.threads";

  /** JVM system property only: {@code system} inflates with the JDK's inflater. */
  public static final String DECODE_INFLATER = PREFIX + "decode.inflater";

  /**
   * The environment variable read when {@code key} is not a configuration parameter: {@code
   * VISUALREVIEW_} followed by the key's words in upper case, separated by underscores ({@code
   * visualreview.posthog.repoId} → {@code VISUALREVIEW_POSTHOG_REPO_ID}).
   */
  public static String environmentVariable(String key) {
    if (!key.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a visualreview key: " + key);
    }
    String rest = key.substring(PREFIX.length());
    StringBuilder out = new StringBuilder("VISUALREVIEW_");
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }
}
