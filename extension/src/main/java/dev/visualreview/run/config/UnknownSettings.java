package dev.visualreview.run.config;

import dev.visualreview.ConfigKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds settings that look like this library's but are not (a typo such as {@code
 * visualreview.updte}), so a suite can warn once instead of silently ignoring them. Keys under
 * {@code visualreview.internal.} are the library's own and never reported.
 */
public final class UnknownSettings {
  private static final String INTERNAL = ConfigKeys.PREFIX + "internal.";
  private static final String ENV_PREFIX = "VISUALREVIEW_";

  private UnknownSettings() {}

  /** Every key in {@link ConfigKeys}. */
  public static Set<String> knownKeys() {
    Set<String> keys = new TreeSet<>();
    for (Field field : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          String value = (String) field.get(null);
          if (value.startsWith(ConfigKeys.PREFIX) && !value.equals(ConfigKeys.PREFIX)) {
            keys.add(value);
          }
        } catch (IllegalAccessException e) {
          // public constants are always readable
        }
      }
    }
    return keys;
  }

  /** The environment variables the settings read. */
  static Set<String> knownVariables() {
    Set<String> variables = new TreeSet<>();
    for (String key : knownKeys()) {
      if (!key.equals(ConfigKeys.DECODE_THREADS) && !key.equals(ConfigKeys.DECODE_INFLATER)) {
        variables.add(ConfigKeys.environmentVariable(key));
      }
    }
    return variables;
  }

  /**
   * One warning per unknown {@code visualreview.*} key and {@code VISUALREVIEW_*} variable, each
   * naming the closest known one.
   *
   * @param parameterKeys the names of the configuration parameters (and system properties) set
   * @param environmentVariables the names of the environment variables set
   */
  public static List<String> warnings(
      Collection<String> parameterKeys, Collection<String> environmentVariables) {
    Set<String> known = knownKeys();
    List<String> out = new ArrayList<>();
    for (String key : new TreeSet<>(parameterKeys)) {
      if (key.startsWith(ConfigKeys.PREFIX) && !key.startsWith(INTERNAL) && !known.contains(key)) {
        out.add(
            "unknown setting "
                + key
                + " is ignored; did you mean "
                + closest(key, known)
                + "? (all settings: docs/configuration.md)");
      }
    }
    Set<String> variables = knownVariables();
    for (String variable : new TreeSet<>(environmentVariables)) {
      if (variable.startsWith(ENV_PREFIX)
          && !variable.startsWith(ENV_PREFIX + "INTERNAL_")
          && !variables.contains(variable)) {
        out.add(
            "unknown environment variable "
                + variable
                + " is ignored; did you mean "
                + closest(variable, variables)
                + "?");
      }
    }
    return out;
  }

  static String closest(String wanted, Set<String> candidates) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    String w = wanted.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
