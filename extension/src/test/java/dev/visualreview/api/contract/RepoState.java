package dev.visualreview.api.contract;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A Visual Review repo held by the contract server: baselines, artifacts, quarantines. */
final class RepoState {
  final String id;
  final String fullName;
  final Long externalId;
  final String createdAt = Instant.now().toString();
  final Map<String, Map<String, String>> baselines = new LinkedHashMap<>();
  final Map<String, StoredImage> artifacts = new LinkedHashMap<>();
  final Set<String> quarantined = new LinkedHashSet<>();

  RepoState(String id, String fullName, Long externalId) {
    this.id = id;
    this.fullName = fullName;
    this.externalId = externalId;
  }
}
