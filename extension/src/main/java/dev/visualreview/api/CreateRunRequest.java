package dev.visualreview.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST runs/}. Send {@code snapshots: []} to open a run that shards fill later.
 *
 * @param repoId the Visual Review repo UUID
 * @param runType e.g. {@code playwright}
 * @param commitSha full SHA of the rendered tree (the PR head, not the merge commit)
 * @param branch the branch (the PR head ref)
 * @param prNumber the PR number, or null
 * @param purpose {@code review} or {@code observe}
 * @param metadata run metadata, e.g. {@code github_run_id}, {@code github_check_run_id}
 * @param isPartial only a subset was rendered: missing baselines are not "removed"
 * @param snapshots the manifest (may be empty)
 */
public record CreateRunRequest(
    String repoId,
    String runType,
    String commitSha,
    String branch,
    Integer prNumber,
    String purpose,
    Map<String, Object> metadata,
    @JsonProperty("is_partial") boolean isPartial,
    List<ManifestItem> snapshots) {
  public CreateRunRequest {
    metadata = metadata == null ? Map.of() : metadata;
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    purpose = purpose == null ? "review" : purpose;
  }
}
