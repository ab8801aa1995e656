package dev.visualreview.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.visualreview.ConfigKeys;
import dev.visualreview.run.config.InternalKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs fixture classes through the Jupiter engine with the extension and a report folder. */
final class VisualReviewKit {
  private final Map<String, String> parameters = new HashMap<>();

  VisualReviewKit(Path reportDir) {
    parameters.put(FixtureGuard.KEY, "true");
    parameters.put(ConfigKeys.REPORT_DIR, reportDir.toString());
    parameters.put(InternalKeys.BACKEND_CLASS, RecordingBackend.class.getName());
    parameters.put(ConfigKeys.CACHE_DIR, reportDir.resolve("cache").toString());
    parameters.put(InternalKeys.ENVIRONMENT, "empty");
  }

  VisualReviewKit with(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  VisualReviewKit without(String key) {
    parameters.remove(key);
    return this;
  }

  EngineExecutionResults run(Class<?>... classes) {
    DiscoverySelector[] selectors = new DiscoverySelector[classes.length];
    for (int i = 0; i < classes.length; i++) {
      selectors[i] = selectClass(classes[i]);
    }
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameters(parameters)
            .selectors(selectors)
            .execute();
    if (Boolean.getBoolean("visualreview.internal.debug")) {
      results.allEvents().failed().stream()
          .forEach(
              e ->
                  e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                      .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                      .ifPresent(Throwable::printStackTrace));
    }
    return results;
  }

  /** The engine's own finished event: where a failure from the root store's close shows. */
  static Event engineFinished(EngineExecutionResults results) {
    return results
        .allEvents()
        .filter(
            e -> e.getType() == EventType.FINISHED && e.getTestDescriptor().getParent().isEmpty())
        .findFirst()
        .orElseThrow();
  }

  /**
   * The engine's failure, unwrapped from JUnit's "Failed to close extension context" wrapper (added
   * by newer JUnit versions), or null when the engine succeeded.
   */
  static Throwable engineFailure(EngineExecutionResults results) {
    Throwable t =
        engineFinished(results)
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
            .orElse(null);
    while (t instanceof org.junit.platform.commons.JUnitException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** How many times {@code needle} occurs in {@code text} (non-overlapping). */
  static int occurrences(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }
}
