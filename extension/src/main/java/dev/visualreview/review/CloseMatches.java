package dev.visualreview.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known identifiers closest to a mistyped one, for "did you mean …?" messages. */
final class CloseMatches {
  private static final int MAX = 3;

  private CloseMatches() {}

  /**
   * Up to three known identifiers close to {@code wanted}: few edits apart (at most a quarter of
   * its length, at least two), or containing it, or contained in it, ignoring case.
   */
  static List<String> of(String wanted, Collection<String> known) {
    String w = wanted.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 4);
    record Scored(String id, int score) {}
    List<Scored> scored = new ArrayList<>();
    for (String id : known) {
      String k = id.toLowerCase(Locale.ROOT);
      int d = distance(w, k, limit);
      if (d <= limit) {
        scored.add(new Scored(id, d));
      } else if (!w.isEmpty() && (k.contains(w) || w.contains(k))) {
        scored.add(new Scored(id, limit + 1 + Math.abs(k.length() - w.length())));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::id));
    return scored.stream().limit(MAX).map(Scored::id).toList();
  }

  /** " (did you mean a, b?)" or "", for a message about an unknown identifier. */
  static String suggestion(String wanted, Collection<String> known) {
    List<String> close = of(wanted, known);
    return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
  }

  /** Levenshtein distance, giving up (returning {@code limit + 1}) once it exceeds the limit. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length()], limit + 1);
  }
}
