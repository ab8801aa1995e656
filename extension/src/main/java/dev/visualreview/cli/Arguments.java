package dev.visualreview.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sub-command's options: flags ({@code --partial}), options with one value ({@code --run-id ID}
 * or {@code --run-id=ID}) and options with several ({@code --accept A B}, up to the next option).
 * Bad arguments are refused with a message; a value is never echoed where a key could be one.
 */
record Arguments(Map<String, String> values, Map<String, List<String>> lists) {

  boolean has(String option) {
    return values.containsKey(option);
  }

  String get(String option) {
    return values.get(option);
  }

  /** The values given to a list option (empty when it was not given). */
  List<String> list(String option) {
    return lists.getOrDefault(option, List.of());
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the option that is wrong and why
   */
  static Arguments parse(
      List<String> args, Set<String> flags, Set<String> withValue, Set<String> withValues) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (withValues.contains(name)) {
        List<String> target = lists.computeIfAbsent(name, n -> new ArrayList<>());
        if (value != null) {
          target.add(value);
        }
        while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          target.add(args.get(++i));
        }
        if (target.isEmpty()) {
          throw new IllegalArgumentException(name + " needs at least one value");
        }
      } else if (flags.contains(name)) {
        if (value != null) {
          throw new IllegalArgumentException(name + " takes no value");
        }
        values.put(name, "true");
      } else if (withValue.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          value = args.get(++i);
        }
        values.put(name, value);
      } else if (name.equals("--token")) {
        throw new IllegalArgumentException(
            "--token is not supported (a key on the command line ends up in process lists and"
                + " logs): set POSTHOG_PERSONAL_API_KEY instead");
      } else if (!name.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument at position " + (i + 1) + " (not shown): options start with --");
      } else {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    return new Arguments(values, lists);
  }
}
