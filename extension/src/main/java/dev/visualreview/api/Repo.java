package dev.visualreview.api;

import java.util.Map;

/** A Visual Review repo, normally one GitHub repository. */
public record Repo(
    String id,
    Integer teamId,
    Long repoExternalId,
    String repoFullName,
    Map<String, String> baselineFilePaths,
    boolean enablePrComments,
    String createdAt) {
  public Repo {
    baselineFilePaths = baselineFilePaths == null ? Map.of() : baselineFilePaths;
  }
}
