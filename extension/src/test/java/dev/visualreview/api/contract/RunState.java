package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A run held by the contract server. */
final class RunState {
  final String id = UUID.randomUUID().toString();
  final String repoId;
  final String runType;
  final String commitSha;
  final String branch;
  final Integer prNumber;
  final String purpose;
  boolean partial;
  final ObjectNode metadata;
  final String createdAt = Instant.now().toString();
  final Map<String, SnapshotRow> rows = new LinkedHashMap<>();
  final Set<String> claimedHashes = new LinkedHashSet<>();
  String status = "pending";
  String errorMessage;
  String completedAt;
  String supersededBy;
  String checkRunId;
  boolean approved;
  String approvedAt;
  int pollsLeft;
  String finalStatus;
  String finalError;
  int completeCalls;

  RunState(
      String repoId,
      String runType,
      String commitSha,
      String branch,
      Integer prNumber,
      String purpose,
      boolean partial,
      ObjectNode metadata) {
    this.repoId = repoId;
    this.runType = runType;
    this.commitSha = commitSha;
    this.branch = branch;
    this.prNumber = prNumber;
    this.purpose = purpose;
    this.partial = partial;
    this.metadata = metadata;
  }
}
