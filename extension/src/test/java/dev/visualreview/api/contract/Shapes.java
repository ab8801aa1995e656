package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON the contract server answers, field for field as {@code visual-review-api.md} 3.4
 * describes {@code Run}, {@code Snapshot}, {@code Artifact}, {@code Repo} and pages. Called under
 * the server's lock.
 */
final class Shapes {
  private final ObjectMapper json = new ObjectMapper();
  private final String host;
  private final String projectId;
  private final Map<String, RepoState> repos;

  Shapes(String host, String projectId, Map<String, RepoState> repos) {
    this.host = host;
    this.projectId = projectId;
    this.repos = repos;
  }

  ObjectNode runJson(RunState run, boolean detail) {
    ObjectNode n = json.createObjectNode();
    n.put("id", run.id);
    n.put("repo_id", run.repoId);
    n.put("status", run.status);
    n.put("run_type", run.runType);
    n.put("commit_sha", run.commitSha);
    n.put("branch", run.branch);
    if (run.prNumber == null) {
      n.putNull("pr_number");
    } else {
      n.put("pr_number", run.prNumber);
    }
    n.put("approved", run.approved);
    if (run.approvedAt == null) {
      n.putNull("approved_at");
    } else {
      n.put("approved_at", run.approvedAt);
    }
    n.putNull("approved_by");
    int changed = 0;
    int added = 0;
    int removed = 0;
    int unresolved = 0;
    for (SnapshotRow r : run.rows.values()) {
      if (r.quarantined) {
        continue;
      }
      switch (r.result) {
        case "changed" -> changed++;
        case "new" -> added++;
        case "removed" -> removed++;
        default -> {}
      }
      if (!r.result.equals("unchanged")
          && !(r.reviewState.equals("approved") || r.reviewState.equals("tolerated"))) {
        unresolved++;
      }
    }
    boolean classified = !run.status.equals("pending");
    ObjectNode summary = n.putObject("summary");
    int total = run.rows.size();
    summary.put("total", total);
    summary.put("changed", classified ? changed : 0);
    summary.put("new", classified ? added : 0);
    summary.put("removed", classified ? removed : 0);
    summary.put("unchanged", classified ? total - changed - added - removed : 0);
    // 7.4: unresolved is only computed on the detail GET, and always 0 for observe runs
    summary.put(
        "unresolved", detail && classified && run.purpose.equals("review") ? unresolved : 0);
    summary.put("tolerated_matched", 0);
    if (run.errorMessage == null) {
      n.putNull("error_message");
    } else {
      n.put("error_message", run.errorMessage);
    }
    n.put("created_at", run.createdAt);
    if (run.completedAt == null) {
      n.putNull("completed_at");
    } else {
      n.put("completed_at", run.completedAt);
    }
    n.put("is_stale", run.supersededBy != null);
    if (run.supersededBy == null) {
      n.putNull("superseded_by_id");
    } else {
      n.put("superseded_by_id", run.supersededBy);
    }
    n.set("metadata", run.metadata.deepCopy());
    n.putNull("search_match_type");
    return n;
  }

  ObjectNode snapshotJson(RunState run, SnapshotRow r) {
    ObjectNode n = json.createObjectNode();
    n.put("id", r.id);
    n.put("run_id", run.id);
    n.put("identifier", r.identifier);
    n.put("result", r.result);
    n.put("classification_reason", r.reason);
    n.set(
        "current_artifact",
        artifactJson(run.repoId, r.result.equals("removed") ? null : r.contentHash));
    n.set("baseline_artifact", artifactJson(run.repoId, r.baselineHash));
    n.set(
        "diff_artifact",
        r.result.equals("changed") ? artifactJson(run.repoId, r.contentHash) : json.nullNode());
    putDouble(n, "diff_percentage", r.diffPercentage);
    if (r.diffPixelCount == null) {
      n.putNull("diff_pixel_count");
    } else {
      n.put("diff_pixel_count", r.diffPixelCount);
    }
    n.put("review_state", r.reviewState);
    n.putNull("reviewed_at");
    n.putNull("reviewed_by");
    n.put("approved_hash", r.approvedHash);
    n.putNull("tolerated_hash_id");
    n.put("is_quarantined", r.quarantined);
    n.set("metadata", r.metadata == null ? json.createObjectNode() : r.metadata.deepCopy());
    putDouble(n, "ssim_score", r.ssim);
    n.put("change_kind", r.changeKind);
    n.putNull("cluster_summary");
    n.put("size_mismatch", false);
    return n;
  }

  JsonNode artifactJson(String repoId, String hash) {
    if (hash == null) {
      return json.nullNode();
    }
    ObjectNode a = json.createObjectNode();
    StoredImage s = repos.get(repoId).artifacts.get(hash);
    a.put(
        "id", UUID.nameUUIDFromBytes((repoId + hash).getBytes(StandardCharsets.UTF_8)).toString());
    a.put("content_hash", hash);
    if (s == null) {
      a.putNull("width");
      a.putNull("height");
      a.putNull("download_url");
    } else {
      a.put("width", s.width);
      a.put("height", s.height);
      String key = FakeS3.objectKey(repoId, hash);
      a.put(
          "download_url",
          host
              + "/s3/object/"
              + key
              + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature="
              + downloadSignature(key));
    }
    return a;
  }

  /** Bumped to let every download link handed out so far expire. */
  private volatile int linkGeneration;

  void expireDownloadLinks() {
    linkGeneration++;
  }

  /** The signature of an artifact's presigned download link (new after links expired). */
  String downloadSignature(String key) {
    byte[] secret = ("contract-download-" + linkGeneration).getBytes(StandardCharsets.UTF_8);
    return java.util.HexFormat.of().formatHex(FakeS3.hmac(secret, key)).substring(0, 32);
  }

  ObjectNode repoJson(RepoState r) {
    ObjectNode n = json.createObjectNode();
    n.put("id", r.id);
    n.put("team_id", Integer.parseInt(projectId));
    if (r.externalId == null) {
      n.putNull("repo_external_id");
    } else {
      n.put("repo_external_id", r.externalId);
    }
    n.put("repo_full_name", r.fullName);
    ObjectNode paths = n.putObject("baseline_file_paths");
    paths.put("playwright", "src/test/snapshots.yml");
    n.put("enable_pr_comments", true);
    n.put("created_at", r.createdAt);
    return n;
  }

  ObjectNode detail(String message) {
    ObjectNode n = json.createObjectNode();
    n.put("detail", message);
    return n;
  }

  static void putDouble(ObjectNode n, String field, Double value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  /** A DRF page of already-shaped entries. */
  ObjectNode page(List<ObjectNode> all, int limit, int offset) {
    ObjectNode n = json.createObjectNode();
    n.put("count", all.size());
    n.putNull("next");
    n.putNull("previous");
    if (offset + limit < all.size()) {
      n.put("next", "offset=" + (offset + limit));
    }
    ArrayNode results = n.putArray("results");
    all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))
        .forEach(results::add);
    return n;
  }
}
