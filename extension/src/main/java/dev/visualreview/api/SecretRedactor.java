package dev.visualreview.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Removes a secret from text that came from elsewhere (an error body, a log line), however the text
 * encoded it and however much of it the text holds.
 *
 * <p>The text is first <em>decoded</em> in a view that remembers where each decoded character came
 * from: JSON and Java escapes ({@code \u005f}, {@code \/}), percent-encoding ({@code %5F}) and HTML
 * character references ({@code &#95;}, {@code &#x5f;}, {@code &lowbar;}), repeatedly, so double
 * encodings are seen through too. Every run of at least {@link #MIN_FRAGMENT} characters of the
 * secret in that view is then replaced, in the original text, by {@code ***}: the whole secret, a
 * prefix or suffix that was echoed, and the pieces of a secret split across two fields or lines.
 * The secret's base64 images (standard and URL-safe, all three alignments) are searched the same
 * way, with fragments of {@link #MIN_BASE64_FRAGMENT} characters (8 bytes of the secret).
 *
 * <p>Matching is case-sensitive. A secret shorter than {@link #MIN_FRAGMENT} is only found whole;
 * one shorter than 4 characters is not searched at all (it would match ordinary words).
 */
final class SecretRedactor {
  /** The shortest run of secret characters that is removed: 7 characters may stay visible. */
  static final int MIN_FRAGMENT = 8;

  /** 11 base64 characters carry 8 bytes of the secret. */
  static final int MIN_BASE64_FRAGMENT = 11;

  static final String MASK = "***";

  private static final int MAX_DECODING_ROUNDS = 4;

  /** HTML named references for the ASCII punctuation a key or its echo can contain. */
  private static final Map<String, Character> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", '&'),
          Map.entry("lt", '<'),
          Map.entry("gt", '>'),
          Map.entry("quot", '"'),
          Map.entry("apos", '\''),
          Map.entry("lowbar", '_'),
          Map.entry("UnderBar", '_'),
          Map.entry("period", '.'),
          Map.entry("hyphen", '-'),
          Map.entry("dash", '-'),
          Map.entry("minus", '-'),
          Map.entry("colon", ':'),
          Map.entry("comma", ','),
          Map.entry("equals", '='),
          Map.entry("plus", '+'),
          Map.entry("sol", '/'),
          Map.entry("bsol", '\\'),
          Map.entry("num", '#'),
          Map.entry("excl", '!'),
          Map.entry("quest", '?'),
          Map.entry("tilde", '~'),
          Map.entry("percnt", '%'),
          Map.entry("nbsp", ' '));

  /** A string to look for, and the rolling hashes of all its fragments for a fast scan. */
  private record Needle(String text, int minFragment, long power, long[] sortedHashes) {
    /** Whether the fragment of the view at {@code from} is one of this needle's. */
    boolean holds(String view, int from, long hash) {
      if (Arrays.binarySearch(sortedHashes, hash) < 0) {
        return false;
      }
      for (int i = 0; i + minFragment <= text.length(); i++) {
        if (text.regionMatches(i, view, from, minFragment)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final long BASE = 1_000_003L;

  private final List<Needle> needles = new ArrayList<>();

  SecretRedactor(String secret) {
    if (secret == null || secret.length() < 4) {
      return;
    }
    needles.add(needle(secret, MIN_FRAGMENT));
    for (String image : base64Images(secret)) {
      needles.add(needle(image, MIN_BASE64_FRAGMENT));
    }
  }

  /** The text with every trace of the secret replaced by {@code ***}; null stays null. */
  String redact(String text) {
    if (text == null || text.isEmpty() || needles.isEmpty()) {
      return text;
    }
    View view = View.of(text);
    boolean[] secret = new boolean[text.length()];
    boolean found = false;
    for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
      found |= mark(view, secret);
      View next = view.decoded();
      if (next == null) {
        break;
      }
      view = next;
    }
    return found ? masked(text, secret) : text;
  }

  private static Needle needle(String text, int minFragment) {
    int m = Math.min(minFragment, text.length());
    long power = 1;
    for (int k = 1; k < m; k++) {
      power *= BASE;
    }
    long[] hashes = new long[text.length() - m + 1];
    for (int i = 0; i + m <= text.length(); i++) {
      hashes[i] = hash(text, i, m);
    }
    Arrays.sort(hashes);
    return new Needle(text, m, power, hashes);
  }

  private static long hash(String s, int from, int length) {
    long h = 0;
    for (int k = from; k < from + length; k++) {
      h = h * BASE + s.charAt(k);
    }
    return h;
  }

  /**
   * The parts of the secret's base64 encodings that depend on the secret alone, for each of the
   * three byte alignments the secret can have inside a longer encoded value.
   */
  static List<String> base64Images(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    List<String> images = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] padded = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, padded, offset, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
      int first = (offset * 8 + 5) / 6; // first character with no bit of the padding
      int last = (padded.length * 8) / 6; // characters after this one hold padding bits
      if (last - first >= MIN_BASE64_FRAGMENT) {
        String image = encoded.substring(first, last);
        images.add(image);
        String urlSafe = image.replace('+', '-').replace('/', '_');
        if (!urlSafe.equals(image)) {
          images.add(urlSafe);
        }
      }
    }
    return images;
  }

  /** Marks (in original positions) every fragment of a needle found in the view. */
  private boolean mark(View view, boolean[] secret) {
    boolean found = false;
    String s = view.text;
    for (Needle needle : needles) {
      int m = needle.minFragment();
      if (s.length() < m) {
        continue;
      }
      long h = hash(s, 0, m);
      for (int i = 0; ; i++) {
        if (needle.holds(s, i, h)) {
          found = true;
          for (int j = view.start[i]; j < view.end[i + m - 1]; j++) {
            secret[j] = true;
          }
        }
        if (i + m >= s.length()) {
          break;
        }
        h = (h - s.charAt(i) * needle.power()) * BASE + s.charAt(i + m);
      }
    }
    return found;
  }

  private static String masked(String text, boolean[] secret) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!secret[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !secret[i - 1]) {
        out.append(MASK);
      }
    }
    return out.toString();
  }

  /** Decoded text plus, for each of its characters, the span of the original text it came from. */
  private static final class View {
    final String text;
    final int[] start;
    final int[] end;

    private View(String text, int[] start, int[] end) {
      this.text = text;
      this.start = start;
      this.end = end;
    }

    static View of(String text) {
      int n = text.length();
      int[] start = new int[n];
      int[] end = new int[n];
      for (int i = 0; i < n; i++) {
        start[i] = i;
        end[i] = i + 1;
      }
      return new View(text, start, end);
    }

    /** One round of decoding, or null when nothing in the text is encoded. */
    View decoded() {
      StringBuilder out = new StringBuilder(text.length());
      int[] newStart = new int[text.length()];
      int[] newEnd = new int[text.length()];
      boolean changed = false;
      int i = 0;
      while (i < text.length()) {
        int[] decodedChar = decodeAt(text, i);
        int length = decodedChar == null ? 1 : decodedChar[1];
        char c = decodedChar == null ? text.charAt(i) : (char) decodedChar[0];
        changed |= decodedChar != null;
        newStart[out.length()] = start[i];
        newEnd[out.length()] = end[i + length - 1];
        out.append(c);
        i += length;
      }
      if (!changed) {
        return null;
      }
      int n = out.length();
      return new View(out.toString(), Arrays.copyOf(newStart, n), Arrays.copyOf(newEnd, n));
    }

    /** {char, length of its encoding} for an encoded character at {@code i}, else null. */
    private static int[] decodeAt(String s, int i) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        if ((e == 'u' || e == 'U') && i + 6 <= s.length()) {
          int v = hex(s, i + 2, 4);
          return v < 0 ? null : new int[] {v, 6};
        }
        if (e == 'x' && i + 4 <= s.length()) {
          int v = hex(s, i + 2, 2);
          return v < 0 ? null : new int[] {v, 4};
        }
        return switch (e) {
          case '/', '\\', '"', '\'' -> new int[] {e, 2};
          case 'n' -> new int[] {'\n', 2};
          case 't' -> new int[] {'\t', 2};
          case 'r' -> new int[] {'\r', 2};
          default -> null;
        };
      }
      if (c == '%' && i + 3 <= s.length()) {
        int v = hex(s, i + 1, 2);
        return v < 0 ? null : new int[] {v, 3};
      }
      if (c == '&') {
        int semi = s.indexOf(';', i + 1);
        if (semi < 0 || semi - i > 12) {
          return null;
        }
        String name = s.substring(i + 1, semi);
        int length = semi - i + 1;
        if (name.startsWith("#x") || name.startsWith("#X")) {
          int v = name.length() > 2 && name.length() <= 8 ? hex(name, 2, name.length() - 2) : -1;
          return v < 0 || v > 0xFFFF ? null : new int[] {v, length};
        }
        if (name.startsWith("#")) {
          int v = decimal(name.substring(1));
          return v < 0 || v > 0xFFFF ? null : new int[] {v, length};
        }
        Character named = ENTITIES.get(name);
        return named == null ? null : new int[] {named, length};
      }
      return null;
    }

    private static int hex(String s, int from, int digits) {
      int v = 0;
      for (int k = from; k < from + digits; k++) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
      }
      return v;
    }

    private static int decimal(String digits) {
      if (digits.isEmpty() || digits.length() > 7) {
        return -1;
      }
      int v = 0;
      for (int k = 0; k < digits.length(); k++) {
        int d = Character.digit(digits.charAt(k), 10);
        if (d < 0) {
          return -1;
        }
        v = v * 10 + d;
      }
      return v;
    }
  }
}
