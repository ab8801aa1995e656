package dev.visualreview.api.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict multipart/form-data parser for the fake S3 endpoint. */
final class Multiparts {
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

  record Part(String name, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multiparts() {}

  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new IllegalArgumentException(
          "Content-Type must be multipart/form-data, got '" + contentType + "'");
    }
    int i = contentType.indexOf("boundary=");
    if (i < 0) {
      throw new IllegalArgumentException("multipart Content-Type without boundary");
    }
    String b = contentType.substring(i + 9).trim();
    int semi = b.indexOf(';');
    if (semi >= 0) {
      b = b.substring(0, semi);
    }
    if (b.startsWith("\"") && b.endsWith("\"")) {
      b = b.substring(1, b.length() - 1);
    }
    return b;
  }

  static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    if (pos != 0) {
      throw new IllegalArgumentException("body does not start with the boundary");
    }
    while (true) {
      int afterDelim = pos + delimiter.length;
      if (afterDelim + 2 <= body.length && body[afterDelim] == '-' && body[afterDelim + 1] == '-') {
        return parts;
      }
      if (afterDelim + 2 > body.length
          || body[afterDelim] != '\r'
          || body[afterDelim + 1] != '\n') {
        throw new IllegalArgumentException("malformed boundary line");
      }
      int headersStart = afterDelim + 2;
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("part without header terminator");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw new IllegalArgumentException("unterminated part");
      }
      String name = null;
      String type = "";
      for (String line : headers.split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-disposition:")) {
          Matcher m = NAME.matcher(line);
          if (m.find()) {
            name = m.group(1);
          }
        } else if (lower.startsWith("content-type:")) {
          type = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      if (name == null) {
        throw new IllegalArgumentException("part without a name");
      }
      byte[] content = new byte[contentEnd - contentStart];
      System.arraycopy(body, contentStart, content, 0, content.length);
      parts.add(new Part(name, type, content));
      pos = contentEnd + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
