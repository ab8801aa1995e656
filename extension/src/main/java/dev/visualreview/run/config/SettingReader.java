package dev.visualreview.run.config;

import dev.visualreview.ConfigKeys;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks a key up (parameter first, then environment) and converts it, failing with clear text. */
final class SettingReader {

  /** A raw value and where it came from, for error messages. */
  record Raw(String key, String value, String source) {}

  private final Function<String, Optional<String>> parameters;
  private final Map<String, String> environment;
  private final Function<String, String> parameterSource;

  /**
   * @param parameterSource names where a parameter came from, for messages, e.g. {@code
   *     configuration parameter visualreview.mode}
   */
  SettingReader(
      Function<String, Optional<String>> parameters,
      Map<String, String> environment,
      Function<String, String> parameterSource) {
    this.parameters = parameters;
    this.environment = environment;
    this.parameterSource = parameterSource;
  }

  Optional<Raw> raw(String key, String... extraEnvironmentVariables) {
    Optional<String> parameter = parameters.apply(key);
    if (parameter != null && parameter.isPresent() && !parameter.get().isBlank()) {
      return Optional.of(new Raw(key, parameter.get().trim(), parameterSource.apply(key)));
    }
    String variable = ConfigKeys.environmentVariable(key);
    String fromEnv = environment.get(variable);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(new Raw(key, fromEnv.trim(), "environment variable " + variable));
    }
    for (String extra : extraEnvironmentVariables) {
      String value = environment.get(extra);
      if (value != null && !value.isBlank()) {
        return Optional.of(new Raw(key, value.trim(), "environment variable " + extra));
      }
    }
    return Optional.empty();
  }

  Optional<String> string(String key) {
    return raw(key).map(Raw::value);
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    Optional<Raw> raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String wanted = raw.get().value().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw invalid(raw.get(), "expected one of " + allowed);
  }

  boolean bool(String key, boolean defaultValue) {
    Optional<Raw> raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().value().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(raw.get(), "expected true or false");
    };
  }

  Optional<Integer> positiveInt(String key, int max) {
    Optional<Raw> raw = raw(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(raw.get().value());
      if (value >= 1 && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(raw.get(), "expected a whole number from 1 to " + max);
  }

  Optional<String> matching(String key, String regex, String expectation) {
    Optional<Raw> raw = raw(key);
    if (raw.isPresent() && !raw.get().value().matches(regex)) {
      throw invalid(raw.get(), expectation);
    }
    return raw.map(Raw::value);
  }

  Path path(String key, String defaultValue) {
    return optionalPath(key).orElse(Path.of(defaultValue));
  }

  Optional<Path> optionalPath(String key) {
    Optional<Raw> raw = raw(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(raw.get().value()));
    } catch (InvalidPathException e) {
      throw invalid(raw.get(), "expected a file system path (" + e.getReason() + ")");
    }
  }

  static InvalidConfigurationException invalid(Raw raw, String expectation) {
    return new InvalidConfigurationException(
        "invalid visual review setting "
            + raw.key()
            + "='"
            + raw.value()
            + "' (from "
            + raw.source()
            + "): "
            + expectation);
  }
}
