package dev.visualreview.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** One identifier of a run on the contract server, with its classification. */
final class SnapshotRow {
  final String id = UUID.randomUUID().toString();
  final String identifier;
  final String contentHash;
  final Integer width;
  final Integer height;
  final JsonNode metadata;
  String result = "new";
  String reason = "";
  String baselineHash;
  Double diffPercentage;
  Long diffPixelCount;
  Double ssim;
  String changeKind = "";
  String reviewState = "";
  String approvedHash = "";
  boolean quarantined;

  SnapshotRow(
      String identifier, String contentHash, Integer width, Integer height, JsonNode metadata) {
    this.identifier = identifier;
    this.contentHash = contentHash;
    this.width = width;
    this.height = height;
    this.metadata = metadata;
  }
}
