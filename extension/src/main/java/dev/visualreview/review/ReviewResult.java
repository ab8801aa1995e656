package dev.visualreview.review;

import java.util.List;

/**
 * What a review action did.
 *
 * @param lines one sentence per thing done, e.g. "accepted X: baseline written to …"
 * @param remaining how many snapshots still need review afterwards
 */
public record ReviewResult(List<String> lines, int remaining) {
  public ReviewResult {
    lines = List.copyOf(lines);
  }
}
