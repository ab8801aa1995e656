package dev.visualreview.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** One identifier of a run, as listed by {@code GET runs/{id}/snapshots/}. */
public record RunSnapshot(
    String id,
    String runId,
    String identifier,
    String result,
    String classificationReason,
    Artifact currentArtifact,
    Artifact baselineArtifact,
    Artifact diffArtifact,
    Double diffPercentage,
    Long diffPixelCount,
    String reviewState,
    String approvedHash,
    @JsonProperty("is_quarantined") boolean isQuarantined,
    Map<String, Object> metadata,
    Double ssimScore,
    String changeKind,
    boolean sizeMismatch) {
  public RunSnapshot {
    metadata = metadata == null ? Map.of() : metadata;
    result = result == null ? "" : result;
  }
}
