package dev.visualreview.junit;

import dev.visualreview.VisualChangesError;
import dev.visualreview.run.RunScope;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * A test plan with visual tests, as the listener saw it: which classes are visual, whether the plan
 * covers the whole suite (worked out on first use, {@link SuiteCoverage}), and which visual tests
 * did not run to their end (disabled, skipped by a condition, aborted, or failed with an error that
 * is not a visual change), whose baselines a local run must not report as removed.
 */
final class ObservedPlan {
  private final TestPlan plan;
  private final boolean autodetection;
  private final List<String> visualClassIds;
  private final ConcurrentLinkedQueue<String> unfinished = new ConcurrentLinkedQueue<>();
  private RunScope scope;

  private ObservedPlan(TestPlan plan, boolean autodetection, List<String> visualClassIds) {
    this.plan = plan;
    this.autodetection = autodetection;
    this.visualClassIds = visualClassIds;
  }

  /** The plan's visual part, or empty when it has no visual test class. */
  static Optional<ObservedPlan> of(TestPlan plan) {
    boolean autodetection =
        plan.getConfigurationParameters().getBoolean(VisualClasses.AUTODETECTION).orElse(false);
    List<String> ids = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier node : plan.getDescendants(root)) {
        if (node.isContainer()
            && sourceClass(node.getSource()).filter(c -> visual(c, autodetection)).isPresent()
            && !parentIsVisual(plan, node, autodetection)) {
          ids.add(node.getUniqueId());
        }
      }
    }
    return ids.isEmpty()
        ? Optional.empty()
        : Optional.of(new ObservedPlan(plan, autodetection, List.copyOf(ids)));
  }

  private static boolean parentIsVisual(TestPlan plan, TestIdentifier node, boolean autodetection) {
    return plan.getParent(node)
        .flatMap(p -> sourceClass(p.getSource()))
        .filter(c -> visual(c, autodetection))
        .isPresent();
  }

  private static boolean visual(Class<?> type, boolean autodetection) {
    try {
      return VisualClasses.visual(type, autodetection);
    } catch (LinkageError e) {
      return false;
    }
  }

  static Optional<Class<?>> sourceClass(Optional<TestSource> source) {
    try {
      if (source.isPresent() && source.get() instanceof ClassSource cs) {
        return Optional.of(cs.getJavaClass());
      }
      if (source.isPresent() && source.get() instanceof MethodSource ms) {
        return Optional.of(ms.getJavaClass());
      }
    } catch (RuntimeException | LinkageError e) {
      // a source whose class cannot be loaded here is not a visual test
    }
    return Optional.empty();
  }

  TestPlan testPlan() {
    return plan;
  }

  boolean autodetection() {
    return autodetection;
  }

  /** Whether the test or container with this unique id belongs to a visual class of this plan. */
  boolean contains(String uniqueId) {
    for (String id : visualClassIds) {
      if (uniqueId.equals(id) || uniqueId.startsWith(id + "/")) {
        return true;
      }
    }
    return false;
  }

  /** The names of the configuration parameters (and system properties) the run was given. */
  Set<String> configurationKeys() {
    try {
      return plan.getConfigurationParameters().keySet();
    } catch (RuntimeException | LinkageError e) {
      return Set.of();
    }
  }

  /** Whether the plan covers the whole suite; worked out once, on first use. */
  synchronized RunScope scope() {
    if (scope == null) {
      scope = SuiteCoverage.of(this);
    }
    return scope;
  }

  void skipped(TestIdentifier node, String reason) {
    if (contains(node.getUniqueId())) {
      unfinished.add(name(node) + " was skipped (" + reason + ")");
    }
  }

  void finished(TestIdentifier node, TestExecutionResult result) {
    if (!contains(node.getUniqueId())
        || result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return;
    }
    Throwable cause = result.getThrowable().orElse(null);
    if (cause instanceof VisualChangesError) {
      return; // it ran to its end; its snapshots changed
    }
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      if (retriedAttempt(node)) {
        return; // a retrying template's attempt: a later attempt replaces it
      }
      unfinished.add(name(node) + " was aborted");
    } else {
      unfinished.add(name(node) + " failed");
    }
  }

  /** Visual tests that did not run to their end, in the order they ended. */
  List<String> unfinished() {
    return List.copyOf(unfinished);
  }

  private boolean retriedAttempt(TestIdentifier node) {
    if (!node.getUniqueId().contains("template-invocation:")) {
      return false;
    }
    return node.getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> isIndexed((MethodSource) s))
        .map(indexed -> !indexed)
        .orElse(false);
  }

  private static boolean isIndexed(MethodSource source) {
    try {
      Method method = source.getJavaMethod();
      return TestCoordinates.isIndexedTemplate(method);
    } catch (RuntimeException | LinkageError e) {
      return true;
    }
  }

  private static String name(TestIdentifier node) {
    Optional<TestSource> source = node.getSource();
    if (source.isPresent() && source.get() instanceof MethodSource ms) {
      String className = ms.getClassName();
      return className.substring(className.lastIndexOf('.') + 1).replace('$', '.')
          + "."
          + ms.getMethodName()
          + "()"
          + (node.isTest() && node.getUniqueId().contains("invocation:#")
              ? " " + node.getDisplayName()
              : "");
    }
    if (source.isPresent() && source.get() instanceof ClassSource cs) {
      String className = cs.getClassName();
      return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }
    return node.getDisplayName();
  }
}
