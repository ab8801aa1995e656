package dev.visualreview.api;

/** One point in the baseline timeline of an identifier. */
public record SnapshotHistoryEntry(
    String runId,
    String snapshotId,
    String result,
    String branch,
    String commitSha,
    String createdAt,
    Integer prNumber,
    Double diffPercentage,
    String reviewState,
    Artifact currentArtifact,
    Double ssimScore,
    String changeKind,
    boolean sizeMismatch) {}
