package dev.visualreview.api;

import java.util.List;

/**
 * One page of a DRF limit/offset list. Older servers answer some lists with a bare array; the
 * client turns those into a page whose {@code count} is the array's size.
 */
public record Page<T>(
    int count, String next, String previous, List<T> results, Integer quarantinedCount) {
  public Page {
    results = results == null ? List.of() : List.copyOf(results);
  }
}
