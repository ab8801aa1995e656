package dev.visualreview.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line shared by the timing harnesses ({@link HashTiming}, {@link DiffTiming}): flags
 * with a value ({@code --reps 15}), flags without one ({@code --memory}) and the files, plus the
 * little statistics and JSON both print.
 */
final class TimingArgs {
  private final Map<String, String> values = new HashMap<>();
  private final List<String> files = new ArrayList<>();
  private String usage;

  private TimingArgs() {}

  /**
   * Parses {@code args}; {@code valueFlags} take the next argument, {@code switches} none, and
   * anything else is a file.
   *
   * @throws IllegalArgumentException when a value flag has no value
   */
  static TimingArgs parseOrExit(
      String[] args, Set<String> valueFlags, Set<String> switches, String usage) {
    try {
      TimingArgs parsed = parse(args, valueFlags, switches);
      parsed.usage = usage;
      if (parsed.files.isEmpty()) {
        throw new IllegalArgumentException("no files given");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw exit(e.getMessage(), usage);
    }
  }

  private static IllegalArgumentException exit(String problem, String usage) {
    System.err.println(problem + "\nusage: " + usage);
    System.exit(2);
    return new IllegalArgumentException(problem);
  }

  static TimingArgs parse(String[] args, Set<String> valueFlags, Set<String> switches) {
    TimingArgs parsed = new TimingArgs();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (valueFlags.contains(arg)) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        parsed.values.put(arg, args[++i]);
      } else if (switches.contains(arg)) {
        parsed.values.put(arg, "true");
      } else {
        parsed.files.add(arg);
      }
    }
    return parsed;
  }

  long longValue(String flag, long fallback) {
    String value = values.get(flag);
    try {
      return value == null ? fallback : Long.parseLong(value);
    } catch (NumberFormatException e) {
      String problem = flag + " needs a whole number, not '" + value + "'";
      throw usage == null ? new IllegalArgumentException(problem) : exit(problem, usage);
    }
  }

  String value(String flag) {
    return values.get(flag);
  }

  boolean has(String flag) {
    return values.containsKey(flag);
  }

  List<String> files() {
    return files;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  /** The start of the JSON object both harnesses print, up to the opening of its results. */
  static StringBuilder resultsJsonStart(int reps, int warmupRounds) {
    return new StringBuilder()
        .append("{\"tool\":\"visual-review-junit\",\"reps\":")
        .append(reps)
        .append(",\"warmup_rounds\":")
        .append(warmupRounds)
        .append(",\"results\":[");
  }

  /** A string as the inside of a JSON string literal (file paths). */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
