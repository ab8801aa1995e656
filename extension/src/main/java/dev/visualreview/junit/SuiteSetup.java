package dev.visualreview.junit;

import dev.visualreview.ConfigKeys;
import dev.visualreview.run.BackendFactory;
import dev.visualreview.run.ModuleLayout;
import dev.visualreview.run.RunScope;
import dev.visualreview.run.config.InternalKeys;
import dev.visualreview.run.config.InvalidConfigurationException;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.PartialRun;
import dev.visualreview.run.config.UnknownSettings;
import dev.visualreview.run.config.VisualReviewConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a suite starts from, worked out once when its first visual test class starts, before any of
 * its {@code @BeforeAll} methods: the settings (with paths resolved against the module the tests
 * belong to), the environment, the test plan the listener saw, and whether the suite can start at
 * all. A setting that cannot work (an invalid value, PostHog mode without credentials, no baselines
 * to be found in CI) is a {@link #failure()}: every visual test class is then skipped and the suite
 * fails once, with that message, instead of at every capture.
 */
final class SuiteSetup {
  private final VisualReviewConfig config;
  private final Map<String, String> environment;
  private final ModuleLayout module;
  private final ObservedPlan plan;
  private final RuntimeException failure;

  private SuiteSetup(
      VisualReviewConfig config,
      Map<String, String> environment,
      ModuleLayout module,
      ObservedPlan plan,
      RuntimeException failure) {
    this.config = config;
    this.environment = environment;
    this.module = module;
    this.plan = plan;
    this.failure = failure;
  }

  /**
   * Works out the suite's setup and prints, once, what the user should know about it (unknown
   * settings, a module that could not be found).
   *
   * @param root the engine's root context (configuration parameters)
   * @param first the context of the first visual test class
   */
  static SuiteSetup create(ExtensionContext root, ExtensionContext first) {
    Optional<ObservedPlan> plan = RunningPlans.containing(first.getUniqueId());
    ModuleLayout module =
        ModuleLayout.locate(
            first.getTestClass().flatMap(ModuleLayout::codeSource),
            Optional.ofNullable(System.getProperty("basedir")),
            Path.of("").toAbsolutePath());
    Map<String, String> environment;
    try {
      environment = environment(root);
    } catch (InvalidConfigurationException e) {
      return failed(module, Map.of(), plan, e);
    }
    for (String warning : UnknownSettings.warnings(parameterKeys(plan), environment.keySet())) {
      System.out.println("Visual review: warning: " + warning);
    }
    VisualReviewConfig parsed;
    try {
      parsed = VisualReviewConfig.parse(root::getConfigurationParameter, environment);
    } catch (InvalidConfigurationException e) {
      return failed(module, environment, plan, e);
    }
    VisualReviewConfig config = parsed.resolvedIn(module);
    if (config.mode() == Mode.OFF) {
      return new SuiteSetup(config, environment, module, plan.orElse(null), null);
    }
    if (config.partial() == PartialRun.AUTO && plan.isPresent()) {
      checkCoverageInTheBackground(plan.get());
    }
    try {
      Mode mode = BackendFactory.check(config, module.dir());
      if (module.guessed() && !parsed.baselineDir().isAbsolute()) {
        noModule(config, mode, environment, module);
      }
    } catch (RuntimeException e) {
      return failed(module, environment, plan, e);
    }
    return new SuiteSetup(config, environment, module, plan.orElse(null), null);
  }

  /**
   * Compares the plan with the suite while the first class starts its browsers, so the first
   * capture (which creates the run and needs the answer) does not wait for it.
   */
  private static void checkCoverageInTheBackground(ObservedPlan plan) {
    Thread check = new Thread(plan::scope, "visual-review-plan-check");
    check.setDaemon(true);
    check.start();
  }

  private static SuiteSetup failed(
      ModuleLayout module,
      Map<String, String> environment,
      Optional<ObservedPlan> plan,
      RuntimeException failure) {
    System.out.println(
        "Visual review: cannot start: "
            + failure.getMessage()
            + "\nEvery visual test class is skipped; the suite fails with this message.");
    return new SuiteSetup(
        VisualReviewConfig.defaults().resolvedIn(module),
        environment,
        module,
        plan.orElse(null),
        failure);
  }

  /**
   * Paths were resolved against the working directory because no module was found: say so, and in
   * CI refuse to start on an empty baseline folder (it would record a fresh set and pass).
   */
  private static void noModule(
      VisualReviewConfig config, Mode mode, Map<String, String> env, ModuleLayout module) {
    String why =
        "could not tell which module the tests belong to ("
            + module.evidence()
            + "), so paths are resolved against the working directory "
            + Path.of("").toAbsolutePath();
    boolean noBaselines =
        mode == Mode.LOCAL
            && !Files.isDirectory(config.baselineDir())
            && !Files.isRegularFile(config.baseline());
    if (noBaselines && dev.visualreview.ci.CiContext.detect(env, Path.of("")).isCi()) {
      throw new IllegalStateException(
          "no baselines at "
              + config.baselineDir()
              + " and no "
              + config.baseline()
              + ": the suite "
              + why
              + ". Run the tests from the module's folder, or set "
              + ConfigKeys.BASELINE_DIR
              + " and "
              + ConfigKeys.REPORT_DIR
              + " to absolute paths.");
    }
    System.out.println(
        "Visual review: warning: the suite "
            + why
            + (noBaselines
                ? ". There are no baselines at "
                    + config.baselineDir()
                    + ": new baselines will be recorded there. If your baselines are elsewhere,"
                    + " run the tests from the module's folder or set "
                    + ConfigKeys.BASELINE_DIR
                    + "."
                : "."));
  }

  /** The environment the suite sees ({@code visualreview.internal.environment} for tests). */
  private static Map<String, String> environment(ExtensionContext root) {
    String choice = root.getConfigurationParameter(InternalKeys.ENVIRONMENT).orElse("inherit");
    if (choice.equals("inherit")) {
      return System.getenv();
    }
    if (choice.equals("empty")) {
      return Map.of();
    }
    if (choice.startsWith("only:")) {
      Map<String, String> only = new java.util.HashMap<>();
      for (String pair : choice.substring("only:".length()).split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          only.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
      return Map.copyOf(only);
    }
    throw new InvalidConfigurationException(
        "invalid visual review setting "
            + InternalKeys.ENVIRONMENT
            + "='"
            + choice
            + "': expected inherit, empty or only:NAME=VALUE,...");
  }

  /** Configuration parameter names: the plan's, else system properties and the properties file. */
  private static Set<String> parameterKeys(Optional<ObservedPlan> plan) {
    if (plan.isPresent()) {
      return plan.get().configurationKeys();
    }
    Set<String> keys = new HashSet<>(System.getProperties().stringPropertyNames());
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        for (URL url : Collections.list(loader.getResources("junit-platform.properties"))) {
          Properties properties = new Properties();
          try (InputStream in = url.openStream()) {
            properties.load(in);
          }
          keys.addAll(properties.stringPropertyNames());
        }
      }
    } catch (IOException | RuntimeException e) {
      // the warning is a courtesy
    }
    return keys;
  }

  /**
   * Fails a test class of another module than the suite's: its baselines would be looked up, and
   * recorded, in the wrong module (an IDE can run the tests of several modules in one JVM).
   */
  void requireSameModule(Class<?> testClass) {
    if (failure != null || module.guessed()) {
      return;
    }
    ModuleLayout own =
        ModuleLayout.locate(ModuleLayout.codeSource(testClass), Optional.empty(), module.dir());
    if (!own.guessed() && !own.dir().equals(module.dir())) {
      throw new IllegalStateException(
          testClass.getSimpleName()
              + " belongs to the module "
              + own.dir()
              + ", but this visual review suite keeps its baselines and report in the module "
              + module.dir()
              + " (where its first visual test class is): run the tests of each module in a test"
              + " run of its own");
    }
  }

  VisualReviewConfig config() {
    return config;
  }

  Map<String, String> environment() {
    return environment;
  }

  ModuleLayout module() {
    return module;
  }

  /** Why the suite cannot run, or null. */
  RuntimeException failure() {
    return failure;
  }

  /**
   * Whether this run covers the whole suite: {@code visualreview.partial} when set, else what the
   * test plan shows; a run whose plan the listener did not see counts as partial.
   */
  RunScope scope() {
    if (config.partial() == PartialRun.TRUE) {
      return RunScope.partial(ConfigKeys.PARTIAL + "=true");
    }
    if (config.partial() == PartialRun.FALSE) {
      return RunScope.whole();
    }
    if (plan == null) {
      return RunScope.partial(
          "the test plan was not seen by the visual review listener (tests run without the JUnit"
              + " Platform launcher, or with listener auto-registration disabled), so it cannot"
              + " tell whether this is the whole suite; set "
              + ConfigKeys.PARTIAL
              + "=false if it is");
    }
    return plan.scope();
  }

  /** Visual tests that did not run to their end so far (see {@link ObservedPlan#unfinished()}). */
  List<String> unfinishedTests() {
    return plan == null ? List.of() : new ArrayList<>(plan.unfinished());
  }
}
