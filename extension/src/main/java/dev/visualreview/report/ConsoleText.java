package dev.visualreview.report;

/**
 * Makes text safe to print on a console that a CI system reads commands from. GitHub Actions treats
 * a line that starts with {@code ::} (after leading white space) as a workflow command ({@code
 * ::error}, {@code ::add-mask::}, {@code ::stop-commands::}; {@code ##[...]} is the older form), so
 * an identifier from {@code snapshots.yml} or the server with a line break in it could issue one.
 * Values are kept on their line ({@link #inline}), and any line that would still start a command is
 * defused ({@link #defuse}).
 */
public final class ConsoleText {
  /** Put in front of a line that would otherwise be read as a workflow command. */
  static final String DEFUSED = "| ";

  private ConsoleText() {}

  /**
   * A value on one line: line breaks and other control characters become visible escapes ({@code
   * \n}, {@code \r}, {@code \u2028}, ...). Null becomes empty.
   */
  public static String inline(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String escape = escape(c);
      if (escape != null && b == null) {
        b = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (b != null) {
        b.append(escape != null ? escape : String.valueOf(c));
      }
    }
    return b == null ? value : b.toString();
  }

  private static String escape(char c) {
    if (c == '\n') {
      return "\\n";
    }
    if (c == '\r') {
      return "\\r";
    }
    if (c == '\t') {
      return null;
    }
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }

  /**
   * Text whose lines cannot issue a workflow command: a line that starts with {@code ::} or {@code
   * ##[} after leading white space gets {@value #DEFUSED} in front. Line breaks are kept.
   */
  public static String defuse(String text) {
    if (text == null || (!text.contains("::") && !text.contains("##["))) {
      return text == null ? "" : text;
    }
    StringBuilder b = new StringBuilder(text.length() + 8);
    int start = 0;
    while (start <= text.length()) {
      int end = nextBreak(text, start);
      String line = text.substring(start, end);
      if (startsCommand(line)) {
        b.append(DEFUSED);
      }
      b.append(line);
      if (end == text.length()) {
        break;
      }
      b.append(text.charAt(end));
      start = end + 1;
    }
    return b.toString();
  }

  /** Whether the runner would read the line as a command: it trims Unicode white space first. */
  private static boolean startsCommand(String line) {
    int i = 0;
    while (i < line.length()
        && (Character.isWhitespace(line.charAt(i)) || Character.isSpaceChar(line.charAt(i)))) {
      i++;
    }
    return line.startsWith("::", i) || line.startsWith("##[", i);
  }

  private static int nextBreak(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return i;
      }
    }
    return text.length();
  }
}
