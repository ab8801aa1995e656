package dev.visualreview.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/**
 * A minimal retrying extension in the style of junit-pioneer's {@code @RetryingTest}: a failed
 * attempt is turned into an aborted one and another attempt follows, up to three.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(RetryUpToThreeTimes.Provider.class)
@interface RetryUpToThreeTimes {

  final class Provider implements TestTemplateInvocationContextProvider {
    private static final int ATTEMPTS = 3;

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
      return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
        ExtensionContext context) {
      AtomicBoolean passed = new AtomicBoolean();
      return IntStream.rangeClosed(1, ATTEMPTS)
          .boxed()
          .takeWhile(attempt -> !passed.get())
          .map(attempt -> new Attempt(attempt, attempt == ATTEMPTS, passed));
    }
  }

  record Attempt(int number, boolean last, AtomicBoolean passed)
      implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return "attempt " + number;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      TestExecutionExceptionHandler abortUnlessLast =
          (context, throwable) -> {
            if (last) {
              throw throwable;
            }
            throw new TestAbortedException("attempt " + number + " failed; retrying", throwable);
          };
      AfterTestExecutionCallback markPassed =
          context -> {
            if (context.getExecutionException().isEmpty()) {
              passed.set(true);
            }
          };
      return List.of(abortUnlessLast, markPassed);
    }
  }
}
