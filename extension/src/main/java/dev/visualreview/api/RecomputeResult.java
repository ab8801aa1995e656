package dev.visualreview.api;

/** Answer to {@code POST runs/{id}/recompute/}. */
public record RecomputeResult(
    Run run,
    boolean countsChanged,
    int unresolved,
    boolean ciRerunTriggered,
    String ciRerunError) {}
