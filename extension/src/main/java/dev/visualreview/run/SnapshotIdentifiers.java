package dev.visualreview.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds snapshot identifiers from a template such as {@code {class}--{method}--{name}}: every
 * character outside {@code [A-Za-z0-9_-]} becomes {@code -} (as PostHog's scanner does), and an
 * identifier longer than 512 characters is cut and given a hash suffix so it stays unique.
 */
public final class SnapshotIdentifiers {
  /** The server's column limit for identifiers. */
  public static final int MAX_LENGTH = 512;

  private static final int HASH_SUFFIX_LENGTH = 12;
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{(class|method|name|index|display|engine|browser)}");

  private SnapshotIdentifiers() {}

  /**
   * The parts of one capture.
   *
   * @param className the test class's simple name (with a class-template index, if any)
   * @param method the test method's name, or empty for class-level captures
   * @param name the name given to {@code capture}
   * @param index the invocation index of a parameterised or repeated test, or null
   * @param display the test's display name, or empty
   * @param invocation what tells this invocation apart from the test's others (its arguments or its
   *     index), appended to the method when the template has no {@code {index}}; null for a test
   *     that is not an invocation
   * @param engine {@code playwright}, {@code selenium} or {@code image}, or empty when not known
   * @param browser the browser's name as its engine reports it (e.g. {@code chromium}), or empty
   */
  public record Parts(
      String className,
      String method,
      String name,
      Integer index,
      String display,
      String invocation,
      String engine,
      String browser) {

    /** Parts of a capture whose invocation is told apart by its index. */
    public Parts(String className, String method, String name, Integer index, String display) {
      this(
          className,
          method,
          name,
          index,
          display,
          index == null ? null : String.valueOf(index),
          "",
          "");
    }

    /** These parts with the engine and browser that took the screenshot. */
    public Parts withBrowser(String engineName, String browserName) {
      return new Parts(
          className,
          method,
          name,
          index,
          display,
          invocation,
          engineName == null ? "" : engineName,
          browserName == null ? "" : browserName);
    }
  }

  /** Whether a template names the engine or browser, which are known only after capturing. */
  public static boolean needsBrowser(String template) {
    return template.contains("{engine}") || template.contains("{browser}");
  }

  /**
   * Renders the template. When the test is an invocation of a parameterised or repeated test and
   * the template has no {@code {index}}, the invocation's name is appended to the method ({@code
   * total-dark}, {@code total-3}) so identifiers stay unique. Empty placeholders are dropped
   * together with the separator before them.
   */
  public static String render(String template, Parts parts) {
    String method = parts.method();
    if (parts.invocation() != null && !template.contains("{index}")) {
      method = method.isEmpty() ? parts.invocation() : method + "-" + parts.invocation();
    }
    Map<String, String> values =
        Map.of(
            "class", sanitize(parts.className()),
            "method", sanitize(method),
            "name", sanitize(parts.name()),
            "index", parts.index() == null ? "" : String.valueOf(parts.index()),
            "display", sanitize(parts.display()),
            "engine", words(parts.engine()),
            "browser", words(parts.browser()));
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      String literal = sanitize(template.substring(last, m.start()));
      String value = values.get(m.group(1));
      if (value.isEmpty()) {
        // Drop the separator that introduced the empty value, unless it starts the identifier.
        out.append(out.length() == 0 ? literal : literal.replaceAll("[-_]+$", ""));
      } else {
        out.append(literal).append(value);
      }
      last = m.end();
    }
    out.append(sanitize(template.substring(last)));
    String id = out.toString().replaceAll("^[-_]+", "");
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "identifier template '" + template + "' produced an empty identifier");
    }
    return limit(id);
  }

  /**
   * Text made into one identifier word: characters outside {@code [A-Za-z0-9_-]} become {@code -},
   * runs of {@code -} become one (a double dash separates the parts of an identifier), and no
   * {@code -} at either end. Empty for text without letters or digits.
   */
  public static String words(String raw) {
    if (raw == null) {
      return "";
    }
    return sanitize(raw).replaceAll("-{2,}", "-").replaceAll("^[-_]+|[-_]+$", "");
  }

  /** Replaces each character outside {@code [A-Za-z0-9_-]} with {@code -}. */
  public static String sanitize(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints()
        .forEach(
            c ->
                out.append(
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '_'
                            || c == '-'
                        ? (char) c
                        : '-'));
    return out.toString();
  }

  /**
   * Cuts an identifier to {@link #MAX_LENGTH}, ending in a hash of the whole so it stays unique.
   */
  static String limit(String id) {
    if (id.length() <= MAX_LENGTH) {
      return id;
    }
    String head = id.substring(0, MAX_LENGTH - HASH_SUFFIX_LENGTH - 1);
    return head + "-" + sha256Hex(id).substring(0, HASH_SUFFIX_LENGTH);
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
