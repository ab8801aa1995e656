package dev.visualreview.run;

import dev.visualreview.ConfigKeys;
import dev.visualreview.api.ApiKey;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.ci.CiContext;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.OnUnreachable;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.config.VisualReviewConfig;
import dev.visualreview.run.local.LocalBackend;
import dev.visualreview.run.posthog.FailurePolicy;
import dev.visualreview.run.posthog.PostHogBackend;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Chooses and builds the suite's {@link Backend} from its settings. */
public final class BackendFactory {
  private BackendFactory() {}

  /**
   * The chosen backend and a description for messages.
   *
   * @param backend the backend, not yet opened
   * @param mode {@code local}, {@code posthog}, or {@code custom} (the internal test backend)
   * @param ci the CI context the run belongs to
   */
  public record Choice(Backend backend, String mode, CiContext ci) {}

  /**
   * Builds the backend the settings ask for. Host, project and repo default to the baseline file's
   * {@code config} block, as the PostHog CLI does; branch, commit and PR come from the CI context
   * unless overridden; purpose defaults to {@code observe} on default-branch pushes.
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
    CiContext ci =
        CiContext.detect(environment, workDir)
            .withOverrides(
                config.commit().orElse(null),
                config.branch().orElse(null),
                config.pr().orElse(null));
    if (config.internalBackendClass().isPresent()) {
      return new Choice(instantiate(config.internalBackendClass().get()), "custom", ci);
    }
    Path baselinePath = workDir.resolve(config.baseline());
    BaselineFile baseline = BaselineFile.read(baselinePath);
    Optional<String> host = config.posthogHost().or(baseline::api);
    Optional<String> project = config.projectId().or(baseline::team);
    Optional<String> repo = config.repoId().or(baseline::repo);
    Purpose purpose =
        config.purpose().orElse(ci.defaultBranchPush() ? Purpose.OBSERVE : Purpose.REVIEW);
    Mode mode = mode(config, baselinePath, baseline);
    if (mode == Mode.POSTHOG) {
      ApiSettings api =
          ApiSettings.of(
                  host.orElse(VisualReviewConfig.DEFAULT_HOST),
                  project.get(),
                  ApiKey.of(config.apiKey().get()))
              .withPolling(config.pollInterval(), config.timeout());
      PostHogBackend.Settings settings =
          new PostHogBackend.Settings(
              api,
              repo.get(),
              config.runType(),
              purpose.wire(),
              ci.branch(),
              ci.commitSha(),
              ci.prNumber(),
              scope.partial(),
              new LinkedHashMap<String, Object>(ci.metadata()),
              null,
              config.tolerateDrift(),
              config.autoApprove(),
              baselinePath,
              config.runId().orElse(null),
              config.onUnreachable() == OnUnreachable.WARN
                  ? FailurePolicy.WARN
                  : FailurePolicy.FAIL);
      return new Choice(new PostHogBackend(settings), "posthog", ci);
    }
    LocalBackend.Settings settings =
        LocalBackend.Settings.defaults(workDir, ci.isCi(), environment)
            .withUpdateMode(
                config
                    .update()
                    .map(u -> dev.visualreview.run.local.UpdateMode.valueOf(u.name()))
                    .orElse(dev.visualreview.run.local.UpdateMode.defaultFor(ci.isCi())))
            .withBaselineDir(workDir.resolve(config.baselineDir()))
            .withBaselineFile(baseline.present() ? baselinePath : null)
            .withReportDir(workDir.resolve(config.reportDir()))
            .withRun(config.runType(), ci.branch(), ci.commitSha(), purpose.wire())
            .withTolerateDrift(config.tolerateDrift())
            .withPartial(scope.partial());
    if (config.cacheDir().isPresent()) {
      settings =
          settings.withImageStore(
              workDir.resolve(config.cacheDir().get()).resolve("images"),
              settings.imageStoreMaxBytes());
    }
    return new Choice(new LocalBackend(settings), "local", ci);
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
    return mode(config, baselinePath, BaselineFile.read(baselinePath));
  }

  private static Mode mode(VisualReviewConfig config, Path baselinePath, BaselineFile baseline) {
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
      requirePostHogSettings(config, project, repo, baselinePath);
    }
    return mode;
  }

  private static void requirePostHogSettings(
      VisualReviewConfig config, Optional<String> project, Optional<String> repo, Path baseline) {
    StringBuilder missing = new StringBuilder();
    if (config.apiKey().isEmpty()) {
      missing
          .append("\n  the API key: set the environment variable ")
          .append(VisualReviewConfig.API_KEY_ENVIRONMENT_VARIABLE);
    }
    if (project.isEmpty()) {
      missing
          .append("\n  the project id: set ")
          .append(ConfigKeys.POSTHOG_PROJECT_ID)
          .append(" or config.team in ")
          .append(baseline);
    }
    if (repo.isEmpty()) {
      missing
          .append("\n  the repo id: set ")
          .append(ConfigKeys.POSTHOG_REPO_ID)
          .append(" or config.repo in ")
          .append(baseline);
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
            ConfigKeys.INTERNAL_BACKEND_CLASS + "=" + className + " does not implement Backend");
      }
      return (Backend) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          ConfigKeys.INTERNAL_BACKEND_CLASS + "=" + className + ": class not found", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException(
          ConfigKeys.INTERNAL_BACKEND_CLASS
              + "="
              + className
              + " cannot be created with its public no-argument constructor: "
              + cause,
          cause);
    }
  }
}
