package dev.visualreview.junit;

import dev.visualreview.Snapshots;
import dev.visualreview.VisualChangesError;
import dev.visualreview.baseline.SnapshotFileNames;
import dev.visualreview.report.SuiteMessages;
import dev.visualreview.run.SnapshotVerdict;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The Jupiter extension behind {@code @VisualReview}: injects {@link Snapshots}, judges each test's
 * snapshots at its end (after its {@code @AfterEach} methods), and hands each class's snapshots to
 * the run as one shard when the class ends. All state lives in the extension stores.
 */
public final class VisualReviewExtension
    implements ExecutionCondition,
        ParameterResolver,
        BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        InvocationInterceptor {

  private static final Namespace NAMESPACE = Namespace.create(VisualReviewExtension.class);

  /**
   * Works out the suite's setup when the first visual test class is about to start, before its
   * {@code @BeforeAll} methods (and browsers) run; when the setup cannot work, skips every visual
   * test class with the reason (the suite then fails once, when it ends).
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isPresent() || !visual(context)) {
      return ConditionEvaluationResult.enabled("");
    }
    RuntimeException failure = registry(context).setup().failure();
    return failure == null
        ? ConditionEvaluationResult.enabled("visual review is set up")
        : ConditionEvaluationResult.disabled(
            "visual review could not start: " + failure.getMessage());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!visual(context)) {
      return;
    }
    registry(context).setup().requireSameModule(context.getRequiredTestClass());
    classSnapshots(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (visual(context)) {
      classSnapshots(context).started(testSnapshots(context));
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!visual(context)) {
      return;
    }
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
                context,
                SnapshotFileNames.stem(v.identifier()) + ".diff.png",
                registry.reportDir().resolve(v.diffImage()));
      }
    }
    // resolved changes (a recorded or updated baseline) are listed once, in the suite's summary
    SuiteMessages.testFailure(test.coordinates().source(), verdicts, registry.reportDir())
        .ifPresent(
            message -> {
              throw new VisualChangesError(message);
            });
  }

  /**
   * Names an invocation of a parameterised test after its arguments, now that they are known (after
   * its {@code @BeforeEach} methods, whose captures keep the index).
   */
  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    Method method = invocationContext.getExecutable();
    Integer index = TestCoordinates.invocationIndex(context.getUniqueId());
    if (index != null && visual(context) && TestCoordinates.isParameterized(method)) {
      String name =
          takenInvocationNames(context)
              .choose(
                  InvocationNaming.fromArguments(method, invocationContext.getArguments()), index);
      testSnapshots(context).nameInvocation(name);
    }
    invocation.proceed();
  }

  @SuppressWarnings("deprecation")
  private static InvocationNaming.Taken takenInvocationNames(ExtensionContext invocation) {
    ExtensionContext template = invocation.getParent().orElse(invocation);
    return template
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "invocation-names:" + template.getUniqueId(),
            key -> new InvocationNaming.Taken(),
            InvocationNaming.Taken.class);
  }

  private static boolean aborted(ExtensionContext context) {
    return context
        .getExecutionException()
        .filter(e -> e instanceof org.opentest4j.TestAbortedException)
        .isPresent();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!visual(context)) {
      return;
    }
    SuiteRegistry registry = registry(context);
    ClassSnapshots testClass = classSnapshots(context);
    TestSnapshots classLevel = testClass.classLevel();
    ClassSnapshots.Replaced replaced = testClass.finished(classLevel);
    registry.ledger().releaseAll(replaced.identifiers(), replaced.attempt());
    if (registry.enabled()) {
      registry.submit(testClass.toShard());
    }
  }

  /**
   * Whether the extension works on this context's class: annotated with {@code @VisualReview} (or
   * registering the extension), or taking {@code Snapshots} when the extension was auto-detected.
   * Any other class (auto-detection registers the extension for every class) is left alone.
   */
  private static boolean visual(ExtensionContext context) {
    return context
        .getTestClass()
        .map(c -> VisualClasses.annotated(c) || VisualClasses.takesSnapshots(c))
        .orElse(false);
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
            key ->
                new SuiteRegistry(
                    root, SuiteSetup.create(root, TestCoordinates.classContext(context))),
            SuiteRegistry.class);
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
