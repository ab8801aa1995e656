package dev.visualreview.api;

/** Runs per review state, for a repo or a project. */
public record ReviewStateCounts(int needsReview, int clean, int processing, int stale) {}
