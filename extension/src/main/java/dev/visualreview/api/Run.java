package dev.visualreview.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A run as the server describes it.
 *
 * @param status {@code pending}, {@code processing}, {@code completed} or {@code failed}
 */
public record Run(
    String id,
    String repoId,
    String status,
    String runType,
    String commitSha,
    String branch,
    Integer prNumber,
    boolean approved,
    String approvedAt,
    RunSummary summary,
    String errorMessage,
    String createdAt,
    String completedAt,
    @JsonProperty("is_stale") boolean isStale,
    String supersededById,
    Map<String, Object> metadata) {

  public Run {
    summary = summary == null ? RunSummary.empty() : summary;
    metadata = metadata == null ? Map.of() : metadata;
    status = status == null ? "" : status;
  }

  /** True once the run is {@code completed} or {@code failed}. */
  public boolean finished() {
    return status.equals("completed") || status.equals("failed");
  }
}
