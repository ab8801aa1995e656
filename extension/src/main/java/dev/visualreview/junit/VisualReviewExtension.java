package dev.visualreview.junit;

import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.report.FailureMessages;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.config.InvalidConfigurationException;
import dev.visualreview.run.config.VisualReviewConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Jupiter extension behind {@code @VisualReview}: injects {@link Snapshots}, judges each test's
 * snapshots at its end (after its {@code @AfterEach} methods), and hands each class's snapshots to
 * the run as one shard when the class ends. All state lives in the extension stores.
 */
public final class VisualReviewExtension
    implements ParameterResolver,
        BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback {

  private static final Namespace NAMESPACE = Namespace.create(VisualReviewExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    registry(context);
    classSnapshots(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    classSnapshots(context).started(testSnapshots(context));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SuiteRegistry registry = registry(context);
    ClassSnapshots testClass = classSnapshots(context);
    TestSnapshots test = testSnapshots(context);
    testClass.ended(test);
    ClassSnapshots.Replaced replaced = testClass.finished(test);
    registry.ledger().releaseAll(replaced.identifiers(), replaced.attempt());
    List<TestSnapshots.Captured> captured = test.captured();
    if (captured.isEmpty() || !registry.enabled() || aborted(context)) {
      // An aborted attempt (an assumption, or a retrying extension's failed attempt) is not
      // judged: a later attempt replaces its snapshots.
      return;
    }
    List<SnapshotVerdict> verdicts =
        registry.judge(captured.stream().map(TestSnapshots.Captured::snapshot).toList());
    for (SnapshotVerdict v : verdicts) {
      if (v.diffImage() != null) {
        registry
            .attachments()
            .publishPng(
                context, v.identifier() + ".diff.png", registry.reportDir().resolve(v.diffImage()));
      }
    }
    FailureMessages.notices(verdicts).forEach(System.out::println);
    FailureMessages.testFailure(test.coordinates().source(), verdicts, registry.reportDir())
        .ifPresent(
            message -> {
              throw new VisualChangesError(message);
            });
  }

  private static boolean aborted(ExtensionContext context) {
    return context
        .getExecutionException()
        .filter(e -> e instanceof org.opentest4j.TestAbortedException)
        .isPresent();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    SuiteRegistry registry = registry(context);
    ClassSnapshots testClass = classSnapshots(context);
    TestSnapshots classLevel = testClass.classLevel();
    ClassSnapshots.Replaced replaced = testClass.finished(classLevel);
    registry.ledger().releaseAll(replaced.identifiers(), replaced.attempt());
    if (registry.enabled()) {
      registry.submit(testClass.toShard());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Snapshots.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SuiteRegistry registry = registry(context);
    ClassSnapshots testClass = classSnapshots(context);
    TestSnapshots bound = context.getTestMethod().isPresent() ? testSnapshots(context) : null;
    return new ExtensionSnapshots(registry, testClass, bound);
  }

  @SuppressWarnings("deprecation") // getOrComputeIfAbsent: computeIfAbsent is 6.0+ only
  private static SuiteRegistry registry(ExtensionContext context) {
    ExtensionContext root = context.getRoot();
    return root.getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SuiteRegistry.class,
            key -> {
              Map<String, String> environment = environment(root);
              return new SuiteRegistry(
                  root,
                  VisualReviewConfig.parse(root::getConfigurationParameter, environment),
                  environment);
            },
            SuiteRegistry.class);
  }

  private static Map<String, String> environment(ExtensionContext root) {
    String choice =
        root.getConfigurationParameter(ConfigKeys.INTERNAL_ENVIRONMENT).orElse("inherit");
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
            + ConfigKeys.INTERNAL_ENVIRONMENT
            + "='"
            + choice
            + "': expected inherit, empty or only:NAME=VALUE,...");
  }

  @SuppressWarnings("deprecation")
  private static ClassSnapshots classSnapshots(ExtensionContext context) {
    ExtensionContext classContext = TestCoordinates.classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "class:" + classContext.getUniqueId(),
            key -> new ClassSnapshots(classContext),
            ClassSnapshots.class);
  }

  @SuppressWarnings("deprecation")
  private static TestSnapshots testSnapshots(ExtensionContext testContext) {
    SuiteRegistry registry = registry(testContext);
    boolean templateHasIndex = registry.config().identifierTemplate().contains("{index}");
    return testContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "test:" + testContext.getUniqueId(),
            key ->
                new TestSnapshots(
                    TestCoordinates.ofTest(testContext, templateHasIndex), testContext),
            TestSnapshots.class);
  }
}
