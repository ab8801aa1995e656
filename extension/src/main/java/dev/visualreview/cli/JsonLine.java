package dev.visualreview.cli;

import java.util.Map;

/**
 * One flat JSON object on one line, from string, number and boolean values: what {@code diff}
 * prints per pair. Written by hand so that a {@code diff} process does not load a JSON library
 * (Jackson's object mapper is about 480 classes to load and verify, a noticeable part of a short
 * run).
 */
final class JsonLine {
  private JsonLine() {}

  /** The object with the map's entries in order; values are strings, numbers or booleans. */
  static String of(Map<String, ?> fields) {
    StringBuilder json = new StringBuilder(256).append('{');
    boolean first = true;
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, field.getKey());
      json.append(':');
      Object value = field.getValue();
      if (value instanceof String text) {
        string(json, text);
      } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
        json.append("null");
      } else if (value instanceof Number || value instanceof Boolean) {
        json.append(value);
      } else if (value == null) {
        json.append("null");
      } else {
        throw new IllegalArgumentException("not a JSON string, number or boolean: " + value);
      }
    }
    return json.append('}').toString();
  }

  /** A JSON string: quotes, backslashes and control characters escaped. */
  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
