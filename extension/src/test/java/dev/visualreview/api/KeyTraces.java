package dev.visualreview.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side detector, written independently of the production redactor: does a text still show a
 * run of {@value #FRAGMENT} or more characters of a key, as written or after decoding JSON escapes,
 * percent-encoding or HTML references (repeatedly), or in base64?
 */
public final class KeyTraces {
  static final int FRAGMENT = 8;

  private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
  private static final Pattern PERCENT = Pattern.compile("%([0-9a-fA-F]{2})");
  private static final Pattern DECIMAL = Pattern.compile("&#([0-9]{1,6});");
  private static final Pattern HEX = Pattern.compile("&#[xX]([0-9a-fA-F]{1,5});");

  private KeyTraces() {}

  /** The first fragment of {@code key} that {@code text} reveals, if any. */
  public static Optional<String> in(String text, String key) {
    if (text == null) {
      return Optional.empty();
    }
    List<String> forms = new ArrayList<>();
    String current = text;
    for (int round = 0; round < 5; round++) {
      forms.add(current);
      String next = decodeOnce(current);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    for (String form : forms) {
      for (int i = 0; i + FRAGMENT <= key.length(); i++) {
        String fragment = key.substring(i, i + FRAGMENT);
        if (form.contains(fragment)) {
          return Optional.of(fragment);
        }
      }
      for (int offset = 0; offset < 3; offset++) {
        String b64 =
            Base64.getEncoder()
                .encodeToString(("x".repeat(offset) + key).getBytes(StandardCharsets.UTF_8));
        String middle = b64.substring(4, b64.length() - 4);
        if (form.contains(middle) || form.contains(middle.replace('+', '-').replace('/', '_'))) {
          return Optional.of("base64 " + middle);
        }
      }
    }
    return Optional.empty();
  }

  private static String decodeOnce(String s) {
    s = replace(UNICODE, s, 16);
    s = replace(PERCENT, s, 16);
    s = replace(DECIMAL, s, 10);
    s = replace(HEX, s, 16);
    return s.replace("&lowbar;", "_").replace("\\/", "/");
  }

  private static String replace(Pattern p, String s, int radix) {
    Matcher m = p.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      char c = (char) Integer.parseInt(m.group(1), radix);
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(c)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
