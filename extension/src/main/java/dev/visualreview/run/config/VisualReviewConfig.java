package dev.visualreview.run.config;

import dev.visualreview.ConfigKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's settings, parsed once. Values the user did not set are empty where a later stage
 * derives them (PostHog host, project and repo from the baseline file; branch, commit, PR and
 * purpose from the CI context). {@link #toString()} never shows the API key.
 *
 * @param mode where snapshots are judged
 * @param posthogHost PostHog base URL without trailing slash, if set
 * @param projectId PostHog project (team) id, if set
 * @param repoId Visual Review repo UUID, if set
 * @param apiKey the personal API key, if set; never printed
 * @param runType the run type
 * @param baseline path of {@code snapshots.yml}
 * @param purpose review or observe, if set
 * @param tolerateDrift whether observe drift only warns
 * @param autoApprove whether to approve all changes at completion
 * @param runId the run to join (shard mode), if set
 * @param identifierTemplate the identifier template
 * @param onUnreachable what to do when the service fails
 * @param update local baseline update mode, if set (else none in CI, missing elsewhere)
 * @param baselineDir local baseline image directory
 * @param reportDir report directory
 * @param cacheDir hash and image cache directory, if set
 * @param branch branch override, if set
 * @param commit commit override, if set
 * @param pr pull request override, if set
 * @param timeout how long the end of the suite waits for uploads and the verdict
 * @param pollInterval how often to ask PostHog whether a completed run has been processed
 * @param internalBackendClass a backend class for the library's own tests, if set
 * @param invocationNames how invocations of parameterised tests are told apart in identifiers
 * @param partial whether the run covers only part of the suite (auto: detected)
 * @param reportDirConfigured whether {@code reportDir} was set (else it is the build output
 *     folder's {@code visual-review})
 */
public record VisualReviewConfig(
    Mode mode,
    Optional<String> posthogHost,
    Optional<String> projectId,
    Optional<String> repoId,
    Optional<String> apiKey,
    String runType,
    Path baseline,
    Optional<Purpose> purpose,
    boolean tolerateDrift,
    boolean autoApprove,
    Optional<String> runId,
    String identifierTemplate,
    OnUnreachable onUnreachable,
    Optional<UpdateMode> update,
    Path baselineDir,
    Path reportDir,
    Optional<Path> cacheDir,
    Optional<String> branch,
    Optional<String> commit,
    Optional<Integer> pr,
    Duration timeout,
    Duration pollInterval,
    Optional<String> internalBackendClass,
    InvocationNames invocationNames,
    PartialRun partial,
    boolean reportDirConfigured) {

  public static final String DEFAULT_HOST = "https://us.posthog.com";
  public static final String DEFAULT_RUN_TYPE = "junit";
  public static final String DEFAULT_IDENTIFIER_TEMPLATE = "{class}--{method}--{name}";
  public static final String API_KEY_ENVIRONMENT_VARIABLE = "POSTHOG_PERSONAL_API_KEY";

  /** The report folder's name inside the build output folder, when not set. */
  public static final String DEFAULT_REPORT_FOLDER = "visual-review";

  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final java.util.Set<String> PLACEHOLDERS =
      java.util.Set.of("class", "method", "name", "index", "display", "engine", "browser");

  public VisualReviewConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(runType, "runType");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(identifierTemplate, "identifierTemplate");
    Objects.requireNonNull(onUnreachable, "onUnreachable");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(baselineDir, "baselineDir");
    Objects.requireNonNull(reportDir, "reportDir");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(invocationNames, "invocationNames");
    Objects.requireNonNull(partial, "partial");
  }

  /** All defaults, no environment: local-or-auto with nothing configured. */
  public static VisualReviewConfig defaults() {
    return parse(key -> Optional.empty(), Map.of());
  }

  /**
   * Reads every setting.
   *
   * @param parameters JUnit configuration parameters (key → value)
   * @param environment the process environment
   * @throws InvalidConfigurationException naming the key, the value and the accepted values
   */
  public static VisualReviewConfig parse(
      Function<String, Optional<String>> parameters, Map<String, String> environment) {
    return parse(parameters, environment, key -> "configuration parameter " + key);
  }

  /**
   * Reads every setting from parameters that come from somewhere else than JUnit, e.g. the command
   * line's options.
   *
   * @param parameterSource names where a parameter came from, for messages (e.g. {@code option
   *     --team})
   */
  public static VisualReviewConfig parse(
      Function<String, Optional<String>> parameters,
      Map<String, String> environment,
      Function<String, String> parameterSource) {
    SettingReader r = new SettingReader(parameters, environment, parameterSource);
    Optional<String> host =
        r.matching(
                ConfigKeys.POSTHOG_HOST,
                "https?://[^\\s/]+(/[^\\s]*)?",
                "expected an http(s) URL such as " + DEFAULT_HOST)
            .map(VisualReviewConfig::withoutTrailingSlash);
    return new VisualReviewConfig(
        r.choice(ConfigKeys.MODE, Mode.class, Mode.AUTO),
        host,
        r.matching(
            ConfigKeys.POSTHOG_PROJECT_ID, "[0-9]+", "expected the numeric project id, e.g. 2"),
        r.matching(
            ConfigKeys.POSTHOG_REPO_ID,
            UUID,
            "expected the Visual Review repo id, a UUID such as"
                + " 3d760a0a-0763-477d-89ee-f1e4e92cdd78"),
        apiKey(r),
        r.matching(
                ConfigKeys.RUN_TYPE,
                "[A-Za-z0-9_.-]{1,64}",
                "expected 1 to 64 characters from A-Z, a-z, 0-9, '_', '.', '-'")
            .orElse(DEFAULT_RUN_TYPE),
        r.path(ConfigKeys.BASELINE, "snapshots.yml"),
        r.raw(ConfigKeys.PURPOSE).isEmpty()
            ? Optional.empty()
            : Optional.of(r.choice(ConfigKeys.PURPOSE, Purpose.class, Purpose.REVIEW)),
        r.bool(ConfigKeys.TOLERATE_DRIFT, false),
        r.bool(ConfigKeys.AUTO_APPROVE, false),
        r.matching(ConfigKeys.RUN_ID, UUID, "expected the run id printed by 'run create', a UUID"),
        identifierTemplate(r),
        r.choice(ConfigKeys.ON_UNREACHABLE, OnUnreachable.class, OnUnreachable.FAIL),
        r.raw(ConfigKeys.UPDATE).isEmpty()
            ? Optional.empty()
            : Optional.of(r.choice(ConfigKeys.UPDATE, UpdateMode.class, UpdateMode.NONE)),
        r.path(ConfigKeys.BASELINE_DIR, "src/test/visual-baselines"),
        r.path(ConfigKeys.REPORT_DIR, "target/visual-review"),
        r.optionalPath(ConfigKeys.CACHE_DIR),
        r.matching(
            ConfigKeys.BRANCH, "\\S.{0,254}", "expected a branch name of 1 to 255 characters"),
        r.matching(
            ConfigKeys.COMMIT, "[0-9a-fA-F]{7,40}", "expected a commit SHA (7 to 40 hex digits)"),
        r.positiveInt(ConfigKeys.PR, Integer.MAX_VALUE),
        Duration.ofSeconds(r.positiveInt(ConfigKeys.TIMEOUT_SECONDS, 86_400).orElse(600)),
        Duration.ofMillis(
            r.positiveInt(ConfigKeys.POSTHOG_POLL_INTERVAL_MILLIS, 600_000).orElse(5_000)),
        r.matching(
            InternalKeys.BACKEND_CLASS,
            "[A-Za-z_$][A-Za-z0-9_$.]*",
            "expected a fully qualified class name"),
        r.choice(ConfigKeys.INVOCATION_NAMES, InvocationNames.class, InvocationNames.AUTO),
        r.choice(ConfigKeys.PARTIAL, PartialRun.class, PartialRun.AUTO),
        r.raw(ConfigKeys.REPORT_DIR).isPresent());
  }

  private static Optional<String> apiKey(SettingReader r) {
    Optional<SettingReader.Raw> raw =
        r.raw(ConfigKeys.POSTHOG_API_KEY, API_KEY_ENVIRONMENT_VARIABLE);
    if (raw.isPresent() && raw.get().value().chars().anyMatch(Character::isWhitespace)) {
      // The value is a secret: name where it came from, never what it is.
      throw new InvalidConfigurationException(
          "invalid visual review setting "
              + ConfigKeys.POSTHOG_API_KEY
              + " (from "
              + raw.get().source()
              + "): the API key contains whitespace; set it to the personal API key only");
    }
    return raw.map(SettingReader.Raw::value);
  }

  private static String identifierTemplate(SettingReader r) {
    Optional<SettingReader.Raw> raw = r.raw(ConfigKeys.IDENTIFIER_TEMPLATE);
    if (raw.isEmpty()) {
      return DEFAULT_IDENTIFIER_TEMPLATE;
    }
    String template = raw.get().value();
    Matcher m = PLACEHOLDER.matcher(template);
    boolean hasName = false;
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        throw SettingReader.invalid(
            raw.get(),
            "unknown placeholder {"
                + m.group(1)
                + "}; use {class}, {method}, {name}, {index}, {display}, {engine} and"
                + " {browser}");
      }
      hasName |= m.group(1).equals("name");
    }
    if (PLACEHOLDER.matcher(template).replaceAll("").matches(".*[{}].*")) {
      throw SettingReader.invalid(raw.get(), "unbalanced '{' or '}'");
    }
    if (!hasName) {
      throw SettingReader.invalid(
          raw.get(), "the template must contain {name}, or every capture of a test would collide");
    }
    return template;
  }

  private static String withoutTrailingSlash(String url) {
    String out = url;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  /** A copy writing its reports to {@code dir}. */
  public VisualReviewConfig withReportDir(Path dir) {
    return withPaths(baseline, baselineDir, dir, cacheDir);
  }

  /**
   * A copy whose relative paths are resolved against the module the tests belong to, whatever the
   * working directory: the baseline file, the baseline folder and the cache folder against the
   * module's folder, the report folder (unless set) in the build output folder ({@code
   * target/visual-review} under Maven, {@code build/visual-review} under Gradle).
   */
  public VisualReviewConfig resolvedIn(dev.visualreview.run.ModuleLayout module) {
    Path dir = module.dir();
    return withPaths(
        dir.resolve(baseline),
        dir.resolve(baselineDir),
        reportDirConfigured
            ? dir.resolve(reportDir)
            : module.outputDir().resolve(DEFAULT_REPORT_FOLDER),
        cacheDir.map(dir::resolve));
  }

  /** A copy with other file locations; every other setting is the same. */
  private VisualReviewConfig withPaths(
      Path baselineFile, Path imageDir, Path reportFolder, Optional<Path> cacheFolder) {
    return new VisualReviewConfig(
        mode,
        posthogHost,
        projectId,
        repoId,
        apiKey,
        runType,
        baselineFile,
        purpose,
        tolerateDrift,
        autoApprove,
        runId,
        identifierTemplate,
        onUnreachable,
        update,
        imageDir,
        reportFolder,
        cacheFolder,
        branch,
        commit,
        pr,
        timeout,
        pollInterval,
        internalBackendClass,
        invocationNames,
        partial,
        reportDirConfigured);
  }

  /** Whether a run id to join was configured (shard mode). */
  public boolean shardMode() {
    return runId.isPresent();
  }

  @Override
  public String toString() {
    return "VisualReviewConfig[mode="
        + mode.name().toLowerCase(java.util.Locale.ROOT)
        + ", posthogHost="
        + posthogHost.orElse("(baseline file or default)")
        + ", projectId="
        + projectId.orElse("(baseline file)")
        + ", repoId="
        + repoId.orElse("(baseline file)")
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(not set)")
        + ", runType="
        + runType
        + ", baseline="
        + baseline
        + ", purpose="
        + purpose.map(Purpose::wire).orElse("(from CI)")
        + ", tolerateDrift="
        + tolerateDrift
        + ", autoApprove="
        + autoApprove
        + ", runId="
        + runId.orElse("(new run)")
        + ", identifierTemplate="
        + identifierTemplate
        + ", onUnreachable="
        + onUnreachable
        + ", update="
        + update
            .map(u -> u.name().toLowerCase(java.util.Locale.ROOT))
            .orElse("(none in CI, else missing)")
        + ", baselineDir="
        + baselineDir
        + ", reportDir="
        + reportDir
        + ", timeout="
        + timeout.toSeconds()
        + "s, invocationNames="
        + invocationNames.name().toLowerCase(java.util.Locale.ROOT)
        + ", partial="
        + partial.name().toLowerCase(java.util.Locale.ROOT)
        + "]";
  }
}
