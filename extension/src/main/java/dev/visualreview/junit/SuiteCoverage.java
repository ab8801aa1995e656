package dev.visualreview.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.visualreview.run.RunScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Whether a test plan runs the whole visual suite or only part of it. Build tools and IDEs select
 * tests in different ways (Surefire and Gradle select every test class by name, with a method
 * filter for {@code -Dtest=Class#method} or {@code --tests}; IDEs select methods, classes, packages
 * or unique ids; re-runs of failures select unique ids), so the plan is compared with the suite
 * itself instead of reading the request: the plan is whole when (1) every visual test class in the
 * folders (or jars) its visual test classes were loaded from is in it, and (2) every test JUnit
 * Jupiter discovers in those classes, unfiltered, is in it. Otherwise it is partial, with the
 * classes and tests that are left out named. When the check itself fails, the run counts as partial
 * (a partial run never reports or deletes baselines, so that is the safe side).
 */
final class SuiteCoverage {
  private static final String JUPITER = "[engine:junit-jupiter]";
  private static final int NAMES_SHOWN = 5;

  private SuiteCoverage() {}

  static RunScope of(ObservedPlan observed) {
    try {
      return check(observed);
    } catch (RuntimeException | LinkageError e) {
      return RunScope.partial(
          "the test plan could not be compared with the suite ("
              + e
              + "); set visualreview.partial=false if this is the whole suite");
    }
  }

  private static RunScope check(ObservedPlan observed) {
    TestPlan plan = observed.testPlan();
    boolean autodetection = observed.autodetection();
    Map<String, TestIdentifier> planned = new HashMap<>();
    Set<Class<?>> plannedClasses = new LinkedHashSet<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier node : plan.getDescendants(root)) {
        planned.put(jupiterId(node.getUniqueId()), node);
        ObservedPlan.sourceClass(node.getSource())
            .filter(c -> VisualClasses.visual(c, autodetection))
            .ifPresent(c -> plannedClasses.add(outermost(c)));
      }
    }
    if (plannedClasses.isEmpty()) {
      return RunScope.whole();
    }
    Set<Class<?>> suite = new LinkedHashSet<>(plannedClasses);
    suite.addAll(ClassOutputScan.visualClasses(plannedClasses, autodetection));

    TestPlan full = discover(suite, plan.getConfigurationParameters());
    Set<String> classesLeftOut = new TreeSet<>();
    Set<Class<?>> classesThatRan = new LinkedHashSet<>();
    List<TestIdentifier> testsLeftOut = new ArrayList<>();
    for (TestIdentifier root : full.getRoots()) {
      for (TestIdentifier node : full.getDescendants(root)) {
        Class<?> type = ObservedPlan.sourceClass(node.getSource()).orElse(null);
        if (type == null || !VisualClasses.visual(type, autodetection)) {
          continue;
        }
        if (planned.containsKey(jupiterId(node.getUniqueId()))) {
          classesThatRan.add(outermost(type));
        } else if (!plannedClasses.contains(outermost(type))) {
          classesLeftOut.add(readable(outermost(type)));
        } else if (node.isTest()
            || node.getSource().filter(MethodSource.class::isInstance).isPresent()) {
          testsLeftOut.add(node);
        }
      }
    }
    if (classesLeftOut.isEmpty() && testsLeftOut.isEmpty()) {
      return RunScope.whole();
    }
    List<String> reasons = new ArrayList<>();
    if (!classesLeftOut.isEmpty()) {
      int total = classesLeftOut.size() + classesThatRan.size();
      reasons.add(
          classesLeftOut.size()
              + " of "
              + total
              + " visual test classes did not run ("
              + bounded(classesLeftOut)
              + ")");
    }
    if (!testsLeftOut.isEmpty()) {
      Set<String> names =
          testsLeftOut.stream()
              .sorted(Comparator.comparing(TestIdentifier::getUniqueId))
              .map(SuiteCoverage::readable)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      reasons.add(
          names.size() + " tests of the classes that ran were left out (" + bounded(names) + ")");
    }
    return RunScope.partial(String.join("; ", reasons));
  }

  /** Discovers the classes with JUnit Jupiter alone, without any filter. */
  private static TestPlan discover(Set<Class<?>> classes, ConfigurationParameters parameters) {
    Map<String, String> copied = new HashMap<>();
    for (String key : parameters.keySet()) {
      parameters.get(key).ifPresent(value -> copied.put(key, value));
    }
    List<DiscoverySelector> selectors = new ArrayList<>();
    classes.forEach(c -> selectors.add(selectClass(c)));
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestEngineAutoRegistration(true)
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
    return launcher.discover(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .filters(EngineFilter.includeEngines("junit-jupiter"))
            .configurationParameters(copied)
            .listeners(LauncherDiscoveryListener.NOOP)
            .build());
  }

  /** The id from the Jupiter engine on, so plans run inside a suite engine compare too. */
  private static String jupiterId(String uniqueId) {
    int at = uniqueId.lastIndexOf(JUPITER);
    return at < 0 ? uniqueId : uniqueId.substring(at);
  }

  private static Class<?> outermost(Class<?> type) {
    Class<?> out = type;
    while (out.getEnclosingClass() != null) {
      out = out.getEnclosingClass();
    }
    return out;
  }

  private static String readable(Class<?> type) {
    return type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '.');
  }

  private static String readable(TestIdentifier node) {
    if (node.getSource().isPresent() && node.getSource().get() instanceof MethodSource ms) {
      String className = ms.getClassName();
      return className.substring(className.lastIndexOf('.') + 1).replace('$', '.')
          + "."
          + ms.getMethodName()
          + "()";
    }
    return node.getDisplayName();
  }

  private static String bounded(Set<String> names) {
    List<String> list = new ArrayList<>(names);
    if (list.size() <= NAMES_SHOWN) {
      return String.join(", ", list);
    }
    return String.join(", ", list.subList(0, NAMES_SHOWN))
        + " and "
        + (list.size() - NAMES_SHOWN)
        + " more";
  }

  static UncheckedIOException unreadable(String what, IOException e) {
    return new UncheckedIOException("cannot list " + what + ": " + e.getMessage(), e);
  }
}
