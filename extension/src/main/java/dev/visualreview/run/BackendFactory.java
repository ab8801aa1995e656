package dev.visualreview.run;

import dev.visualreview.ConfigKeys;
import dev.visualreview.api.ApiKey;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.ImageStore;
import dev.visualreview.ci.CiContext;
import dev.visualreview.run.config.InternalKeys;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.config.UpdateMode;
import dev.visualreview.run.config.VisualReviewConfig;
import dev.visualreview.run.local.LocalBackend;
import dev.visualreview.run.posthog.PostHogBackend;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses and builds the suite's {@link Backend} from its settings, and resolves where a PostHog
 * run goes ({@link #postHogTarget}) for the extension and the {@code run create|complete} commands
 * alike.
 */
public final class BackendFactory {
  private BackendFactory() {}

  /**
   * The chosen backend.
   *
   * @param backend the backend, not yet opened
   * @param mode {@link Mode#LOCAL} or {@link Mode#POSTHOG}; the library's internal test backend
   *     counts as PostHog (it judges at the end of the suite)
   * @param ci the CI context the run belongs to
   */
  public record Choice(Backend backend, Mode mode, CiContext ci) {}

  /**
   * Where a PostHog run goes and what it says about itself. Host, project and repo default to the
   * baseline file's {@code config} block, as the PostHog CLI does; branch, commit and PR come from
   * the CI context unless overridden; purpose defaults to {@code observe} on default-branch pushes.
   *
   * @param baselineFile the {@code snapshots.yml} path
   * @param host the PostHog host
   * @param projectId the project id, if known
   * @param repoId the Visual Review repo id, if known
   * @param apiKey the personal API key, if known
   * @param ci the CI context, with the configured overrides
   * @param purpose review or observe
   */
  public record PostHogTarget(
      Path baselineFile,
      String host,
      Optional<String> projectId,
      Optional<String> repoId,
      Optional<String> apiKey,
      CiContext ci,
      Purpose purpose) {

    @Override
    public String toString() {
      return "PostHogTarget[host="
          + host
          + ", project="
          + projectId.orElse("(none)")
          + ", repo="
          + repoId.orElse("(none)")
          + ", apiKey="
          + (apiKey.isPresent() ? "(set)" : "(not set)")
          + "]";
    }

    /**
     * The API settings: host, project, key and how the end of a run is polled; project and key must
     * be present.
     *
     * @throws java.util.NoSuchElementException when the project or the key is missing
     */
    public ApiSettings api(Duration pollInterval, Duration pollDeadline) {
      return ApiSettings.of(host, projectId.orElseThrow(), ApiKey.of(apiKey.orElseThrow()))
          .withPolling(pollInterval, pollDeadline);
    }

    /** Whether project, repo and key are known: enough for mode {@code auto} to pick PostHog. */
    public boolean complete() {
      return projectId.isPresent() && repoId.isPresent() && apiKey.isPresent();
    }

    /**
     * The backend settings for {@code config}; project and key must be present.
     *
     * @throws java.util.NoSuchElementException when the project or the key is missing
     */
    public PostHogBackend.Settings.Builder settings(VisualReviewConfig config) {
      return PostHogBackend.Settings.builder(api(config.pollInterval(), config.timeout()))
          .repoId(repoId.orElse(null))
          .runType(config.runType())
          .purpose(purpose)
          .revision(ci.branch(), ci.commitSha(), ci.prNumber())
          .metadata(new LinkedHashMap<String, Object>(ci.metadata()))
          .tolerateDrift(config.tolerateDrift())
          .autoApprove(config.autoApprove())
          .baselineFile(baselineFile)
          .joinRunId(config.runId().orElse(null))
          .onUnreachable(config.onUnreachable());
    }
  }

  /**
   * Builds the backend the settings ask for.
   *
   * @param config the parsed settings
   * @param environment the process environment (CI detection)
   * @param workDir the working directory (git and relative paths)
   * @throws IllegalStateException when the settings cannot give a backend, naming the fix
   */
  public static Choice create(
      VisualReviewConfig config, Map<String, String> environment, Path workDir) {
    return create(config, environment, workDir, RunScope.whole());
  }

  /**
   * Builds the backend for a run of the given scope: a partial run is created with {@code
   * is_partial} on PostHog, and locally reports and deletes no baseline of a test that did not run.
   *
   * @see #create(VisualReviewConfig, Map, Path)
   */
  public static Choice create(
      VisualReviewConfig config, Map<String, String> environment, Path workDir, RunScope scope) {
    CiContext ci = ciContext(config, environment, workDir);
    if (config.internalBackendClass().isPresent()) {
      return new Choice(instantiate(config.internalBackendClass().get()), Mode.POSTHOG, ci);
    }
    Path baselinePath = workDir.resolve(config.baseline());
    BaselineFile baseline = BaselineFile.read(baselinePath);
    PostHogTarget target = postHogTarget(config, ci, baselinePath, baseline);
    Mode mode = config.mode();
    if (mode == Mode.AUTO) {
      mode = target.complete() ? Mode.POSTHOG : Mode.LOCAL;
    }
    if (mode == Mode.POSTHOG) {
      requirePostHogSettings(target);
      return new Choice(
          new PostHogBackend(target.settings(config).partial(scope.partial()).build()),
          Mode.POSTHOG,
          ci);
    }
    LocalBackend.Settings.Builder settings =
        LocalBackend.Settings.builder(workDir, ci.isCi(), environment)
            .updateMode(config.update().orElse(UpdateMode.defaultFor(ci.isCi())))
            .baselineDir(workDir.resolve(config.baselineDir()))
            .baselineFile(baseline.present() ? target.baselineFile() : null)
            .reportDir(workDir.resolve(config.reportDir()))
            .run(config.runType(), ci.branch(), ci.commitSha(), target.purpose())
            .tolerateDrift(config.tolerateDrift())
            .partial(scope.partial());
    if (config.cacheDir().isPresent()) {
      settings.imageStore(
          workDir.resolve(config.cacheDir().get()).resolve("images"), ImageStore.DEFAULT_MAX_BYTES);
    }
    return new Choice(new LocalBackend(settings.build()), Mode.LOCAL, ci);
  }

  /**
   * The mode the settings give ({@code auto} resolved), checked without contacting anything: reads
   * the baseline file and fails when PostHog mode lacks the API key, the project or the repo. Lets
   * a suite stop at its start, before any browser starts, instead of at its first capture.
   *
   * @throws IllegalStateException naming what is missing and where to set it
   */
  public static Mode check(VisualReviewConfig config, Path workDir) {
    if (config.mode() == Mode.OFF || config.internalBackendClass().isPresent()) {
      return config.mode();
    }
    Path baselinePath = workDir.resolve(config.baseline());
    BaselineFile baseline = BaselineFile.read(baselinePath);
    Optional<String> project = config.projectId().or(baseline::team);
    Optional<String> repo = config.repoId().or(baseline::repo);
    Mode mode = config.mode();
    if (mode == Mode.AUTO) {
      mode =
          config.apiKey().isPresent() && project.isPresent() && repo.isPresent()
              ? Mode.POSTHOG
              : Mode.LOCAL;
    }
    if (mode == Mode.POSTHOG) {
      requirePostHogSettings(
          new PostHogTarget(
              baselinePath,
              VisualReviewConfig.DEFAULT_HOST,
              project,
              repo,
              config.apiKey(),
              null,
              Purpose.REVIEW));
    }
    return mode;
  }

  /** Where a PostHog run with these settings goes, detecting the CI context. */
  public static PostHogTarget postHogTarget(
      VisualReviewConfig config, Map<String, String> environment, Path workDir) {
    Path baselinePath = workDir.resolve(config.baseline());
    return postHogTarget(
        config,
        ciContext(config, environment, workDir),
        baselinePath,
        BaselineFile.read(baselinePath));
  }

  private static PostHogTarget postHogTarget(
      VisualReviewConfig config, CiContext ci, Path baselinePath, BaselineFile baseline) {
    return new PostHogTarget(
        baselinePath,
        config.posthogHost().or(baseline::api).orElse(VisualReviewConfig.DEFAULT_HOST),
        config.projectId().or(baseline::team),
        config.repoId().or(baseline::repo),
        config.apiKey(),
        ci,
        config.purpose().orElse(ci.defaultBranchPush() ? Purpose.OBSERVE : Purpose.REVIEW));
  }

  private static CiContext ciContext(
      VisualReviewConfig config, Map<String, String> environment, Path workDir) {
    return CiContext.detect(environment, workDir)
        .withOverrides(
            config.commit().orElse(null), config.branch().orElse(null), config.pr().orElse(null));
  }

  private static void requirePostHogSettings(PostHogTarget target) {
    StringBuilder missing = new StringBuilder();
    if (target.apiKey().isEmpty()) {
      missing
          .append("\n  the API key: set the environment variable ")
          .append(VisualReviewConfig.API_KEY_ENVIRONMENT_VARIABLE);
    }
    if (target.projectId().isEmpty()) {
      missing
          .append("\n  the project id: set ")
          .append(ConfigKeys.POSTHOG_PROJECT_ID)
          .append(" or config.team in ")
          .append(target.baselineFile());
    }
    if (target.repoId().isEmpty()) {
      missing
          .append("\n  the repo id: set ")
          .append(ConfigKeys.POSTHOG_REPO_ID)
          .append(" or config.repo in ")
          .append(target.baselineFile());
    }
    if (missing.length() > 0) {
      throw new IllegalStateException(
          ConfigKeys.MODE
              + "=posthog needs settings that are missing:"
              + missing
              + "\nor use "
              + ConfigKeys.MODE
              + "=auto to fall back to local baselines without them.");
    }
  }

  private static Backend instantiate(String className) {
    try {
      Class<?> type =
          Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      if (!Backend.class.isAssignableFrom(type)) {
        throw new IllegalStateException(
            InternalKeys.BACKEND_CLASS + "=" + className + " does not implement Backend");
      }
      return (Backend) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          InternalKeys.BACKEND_CLASS + "=" + className + ": class not found", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException(
          InternalKeys.BACKEND_CLASS
              + "="
              + className
              + " cannot be created with its public no-argument constructor: "
              + cause,
          cause);
    }
  }
}
