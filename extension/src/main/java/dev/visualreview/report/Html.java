package dev.visualreview.report;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Escaping for HTML text, attributes and the URLs the report links to. */
final class Html {
  private Html() {}

  /** Escapes text for element content and quoted attribute values. Null becomes empty. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '`' -> b.append("&#96;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append("&#xFFFD;");
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * A relative path inside the report folder as an escaped, percent-encoded {@code src} value, or
   * null when the path is absolute, climbs out of the folder or names a scheme: the report only
   * shows images it ships.
   */
  static String relativeImageUrl(String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || p.contains(":") || p.startsWith("~")) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(percentEncode(segment));
    }
    return esc(b.toString());
  }

  /** An http(s) URL as an escaped {@code href} value, or null for anything else. */
  static String httpUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      return esc(uri.toASCIIString());
    } catch (Exception e) {
      return null;
    }
  }

  private static String percentEncode(String segment) {
    StringBuilder b = new StringBuilder();
    for (byte by : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = by & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return b.toString();
  }
}
