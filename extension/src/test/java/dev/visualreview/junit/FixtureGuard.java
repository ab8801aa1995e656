package dev.visualreview.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the fixture classes that the engine-level tests run out of normal discovery (an IDE running
 * a whole package would otherwise run them): enabled only when the configuration parameter {@value
 * #KEY} is {@code true}, which only {@link VisualReviewKit} sets.
 */
public class FixtureGuard implements ExecutionCondition {
  public static final String KEY = "visualreview.internal.testFixtures";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(KEY).filter("true"::equals).isPresent()
        ? ConditionEvaluationResult.enabled("run by an engine-level test")
        : ConditionEvaluationResult.disabled("fixture: runs only inside engine-level tests");
  }
}
