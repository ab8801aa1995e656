package dev.visualreview.junit;

import dev.visualreview.Snapshots;
import dev.visualreview.run.SnapshotIdentifiers;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Names the invocations of a parameterised test after their arguments, so reordering a
 * {@code @ValueSource} does not move a snapshot to another baseline: {@code theme("dark")} becomes
 * {@code theme-dark}. Only arguments whose text is stable from run to run name an invocation
 * (strings, numbers, booleans, characters, enums, java.time values, UUIDs, URIs, classes, and
 * records of those); parameters that resolvers inject (JUnit's own, {@code Snapshots}, Playwright
 * and Selenium objects, {@code @TempDir}) are left out. When the arguments cannot name an
 * invocation (an object without a stable text, or a name longer than {@value #MAX_LENGTH}
 * characters), or another invocation of the same test already has that name, the invocation index
 * names it, as before.
 */
final class InvocationNaming {
  /** Longest argument name used; longer ones make identifiers hard to read. */
  static final int MAX_LENGTH = 48;

  private static final List<String> INJECTED_PACKAGES =
      List.of("org.junit.", "com.microsoft.playwright.", "org.openqa.selenium.");
  private static final String TEMP_DIR = "org.junit.jupiter.api.io.TempDir";

  private InvocationNaming() {}

  /** The names already given to invocations of one parameterised test. */
  static final class Taken {
    private final Set<String> names = new HashSet<>();

    /**
     * The name for an invocation: its argument name when there is one and it is free, else its
     * index, else both.
     */
    synchronized String choose(Optional<String> fromArguments, int index) {
      List<String> candidates = new ArrayList<>();
      fromArguments.ifPresent(candidates::add);
      candidates.add(String.valueOf(index));
      fromArguments.ifPresent(name -> candidates.add(name + "-" + index));
      for (String candidate : candidates) {
        if (names.add(candidate)) {
          return candidate;
        }
      }
      String last = candidates.get(candidates.size() - 1) + "-" + names.size();
      names.add(last);
      return last;
    }
  }

  /** The name the arguments give an invocation, or empty when they cannot name it. */
  static Optional<String> fromArguments(Executable method, List<Object> arguments) {
    Parameter[] parameters = method.getParameters();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < parameters.length && i < arguments.size(); i++) {
      if (injected(parameters[i])) {
        continue;
      }
      Optional<String> text = stableText(arguments.get(i), 0);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      words.add(text.get());
    }
    String name = SnapshotIdentifiers.words(String.join("-", words));
    return name.isEmpty() || name.length() > MAX_LENGTH ? Optional.empty() : Optional.of(name);
  }

  private static boolean injected(Parameter parameter) {
    if (parameter.getType() == Snapshots.class) {
      return true;
    }
    String type = parameter.getType().getName();
    for (String prefix : INJECTED_PACKAGES) {
      if (type.startsWith(prefix)) {
        return true;
      }
    }
    for (var annotation : parameter.getAnnotations()) {
      if (annotation.annotationType().getName().equals(TEMP_DIR)) {
        return true;
      }
    }
    return false;
  }

  /** The argument's text when it is the same in every run, else empty. */
  private static Optional<String> stableText(Object value, int depth) {
    if (value == null) {
      return Optional.of("null");
    }
    if (value instanceof CharSequence
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof UUID
        || value instanceof URI
        || value.getClass().getName().startsWith("java.time.")) {
      return Optional.of(value.toString());
    }
    if (value instanceof Enum<?> constant) {
      return Optional.of(constant.name());
    }
    if (value instanceof Class<?> type) {
      return Optional.of(type.getSimpleName());
    }
    if (value.getClass().isRecord() && depth < 3) {
      List<String> parts = new ArrayList<>();
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        Object part;
        try {
          component.getAccessor().setAccessible(true);
          part = component.getAccessor().invoke(value);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return Optional.empty();
        }
        Optional<String> text = stableText(part, depth + 1);
        if (text.isEmpty()) {
          return Optional.empty();
        }
        parts.add(text.get());
      }
      return Optional.of(String.join("-", parts));
    }
    return Optional.empty();
  }
}
