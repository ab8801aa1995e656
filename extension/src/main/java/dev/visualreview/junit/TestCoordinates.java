package dev.visualreview.junit;

import dev.visualreview.run.SnapshotIdentifiers;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a capture happens, in the terms identifiers and messages need: class, method, invocation,
 * and the retry group. Invocations of parameterised tests are named after their arguments once the
 * invocation starts ({@link #withInvocation}), repeated tests after their repetition; other test
 * templates (retrying extensions such as {@code @RetryingTest}) form one retry group whose last
 * attempt's snapshots count.
 *
 * @param className simple class name(s), outer first, joined by {@code -}, plus a class-template
 *     index
 * @param method the test method's name, or empty at class level
 * @param index the invocation index to put into identifiers, or null
 * @param display the test's display name for {@code {display}}: the method's (without JUnit's
 *     parameter list) and, for an invocation, the invocation's (without JUnit's {@code [N]})
 * @param legacyDisplay the display name as identifiers used it before argument names
 * @param invocation what tells this invocation apart (its arguments or index), or null
 * @param group the retry group key
 * @param attempt the attempt key (the context's unique id)
 * @param source readable name for messages, e.g. {@code CheckoutTest.total()}
 */
record TestCoordinates(
    String className,
    String method,
    Integer index,
    String display,
    String legacyDisplay,
    String invocation,
    String group,
    String attempt,
    String source) {

  private static final Pattern INVOCATION =
      Pattern.compile("\\[(?:test|class)-template-invocation:#(\\d+)]$");
  private static final Pattern JUNIT_INDEX_PREFIX = Pattern.compile("^\\[\\d+]\\s*");
  private static final Set<String> INDEXED_TEMPLATES =
      Set.of("org.junit.jupiter.params.ParameterizedTest", "org.junit.jupiter.api.RepeatedTest");
  private static final String PARAMETERIZED_TEST = "org.junit.jupiter.params.ParameterizedTest";

  /** The parts of a capture named {@code name} here. */
  SnapshotIdentifiers.Parts parts(String name) {
    return new SnapshotIdentifiers.Parts(
        className, method, name, index, display, invocation, "", "");
  }

  /** The parts as identifiers were built before argument names: index and raw display name. */
  SnapshotIdentifiers.Parts legacyParts(String name) {
    return new SnapshotIdentifiers.Parts(className, method, name, index, legacyDisplay);
  }

  /** These coordinates with the invocation told apart by {@code name}. */
  TestCoordinates withInvocation(String name) {
    return new TestCoordinates(
        className, method, index, display, legacyDisplay, name, group, attempt, source);
  }

  /** Coordinates of a class-level context (class, or class-template invocation). */
  static TestCoordinates ofClass(ExtensionContext classContext) {
    String className = className(classContext);
    return new TestCoordinates(
        className,
        "",
        null,
        SnapshotIdentifiers.words(classContext.getDisplayName()),
        classContext.getDisplayName(),
        null,
        classContext.getUniqueId(),
        classContext.getUniqueId(),
        readableClassName(classContext) + " (class level)");
  }

  /**
   * Coordinates of a test method context.
   *
   * @param templateHasIndex whether the identifier template names {@code {index}} itself
   */
  static TestCoordinates ofTest(ExtensionContext testContext, boolean templateHasIndex) {
    Method method = testContext.getRequiredTestMethod();
    String className = className(classContext(testContext));
    Integer invocation = invocationIndex(testContext.getUniqueId());
    boolean retryGroup = invocation != null && !isIndexedTemplate(method);
    Integer index = retryGroup && !templateHasIndex ? null : invocation;
    String group =
        retryGroup
            ? testContext.getParent().map(ExtensionContext::getUniqueId).orElseThrow()
            : testContext.getUniqueId();
    String source =
        readableClassName(classContext(testContext))
            + "."
            + method.getName()
            + "()"
            + (invocation == null ? "" : " [" + invocation + "]");
    return new TestCoordinates(
        className,
        method.getName(),
        index,
        display(testContext, method, invocation != null && !retryGroup),
        testContext.getDisplayName(),
        index == null ? null : String.valueOf(index),
        group,
        testContext.getUniqueId(),
        source);
  }

  /**
   * The method's display name without the parameter list JUnit adds by default, and for an
   * invocation of a parameterised or repeated test, the invocation's display name without the
   * {@code [N]} JUnit puts in front by default.
   */
  private static String display(ExtensionContext testContext, Method method, boolean invocation) {
    String methodDisplay =
        invocation
            ? testContext.getParent().map(ExtensionContext::getDisplayName).orElse("")
            : testContext.getDisplayName();
    if (methodDisplay.startsWith(method.getName() + "(") && methodDisplay.endsWith(")")) {
      methodDisplay = method.getName();
    }
    String out = SnapshotIdentifiers.words(methodDisplay);
    if (invocation) {
      String own =
          SnapshotIdentifiers.words(
              JUNIT_INDEX_PREFIX.matcher(testContext.getDisplayName()).replaceFirst(""));
      if (own.isEmpty()) {
        own = String.valueOf(invocationIndex(testContext.getUniqueId()));
      }
      out = out.isEmpty() ? own : out + "-" + own;
    }
    return out;
  }

  /** Whether a test method is a {@code @ParameterizedTest} (directly or composed). */
  static boolean isParameterized(AnnotatedElement element) {
    return hasAnnotationNamed(element, Set.of(PARAMETERIZED_TEST), new HashSet<>());
  }

  /** The nearest enclosing class-level context (skipping test templates). */
  static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent()) {
      Optional<ExtensionContext> parent = current.getParent();
      if (parent.isEmpty()) {
        break;
      }
      current = parent.get();
    }
    return current;
  }

  static Integer invocationIndex(String uniqueId) {
    Matcher m = INVOCATION.matcher(uniqueId);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** Class-level contexts from the outermost test class down to this one ({@code @Nested}). */
  private static java.util.List<ExtensionContext> classChain(ExtensionContext classContext) {
    java.util.LinkedList<ExtensionContext> chain = new java.util.LinkedList<>();
    for (ExtensionContext c = classContext; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestClass().isEmpty() || c.getTestMethod().isPresent()) {
        break;
      }
      if (chain.isEmpty() || chain.getFirst().getRequiredTestClass() != c.getRequiredTestClass()) {
        chain.addFirst(c);
      }
    }
    return chain;
  }

  private static String readableClassName(ExtensionContext classContext) {
    return join(classContext, ".", "[", "]");
  }

  private static String className(ExtensionContext classContext) {
    return join(classContext, "-", "-", "");
  }

  private static String join(
      ExtensionContext classContext, String separator, String indexOpen, String indexClose) {
    StringBuilder name = new StringBuilder();
    for (ExtensionContext c : classChain(classContext)) {
      if (name.length() > 0) {
        name.append(separator);
      }
      name.append(c.getRequiredTestClass().getSimpleName());
      Integer classIndex = invocationIndex(c.getUniqueId());
      if (classIndex != null) {
        name.append(indexOpen).append(classIndex).append(indexClose);
      }
    }
    return name.toString();
  }

  /** Parameterised and repeated tests, directly or through composed annotations. */
  static boolean isIndexedTemplate(AnnotatedElement element) {
    return hasAnnotationNamed(element, INDEXED_TEMPLATES, new HashSet<>());
  }

  private static boolean hasAnnotationNamed(
      AnnotatedElement element, Set<String> names, Set<Class<?>> seen) {
    for (Annotation a : element.getAnnotations()) {
      Class<? extends Annotation> type = a.annotationType();
      if (names.contains(type.getName())) {
        return true;
      }
      if (seen.add(type) && hasAnnotationNamed(type, names, seen)) {
        return true;
      }
    }
    return false;
  }
}
