package dev.visualreview.ci;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run comes from: the commit and branch under test, the pull request (if any), whether this
 * is a push to the repository's default branch (the PostHog workflows use purpose {@code observe}
 * there and {@code review} elsewhere), the CI provider, and metadata for the run ({@code
 * github_run_id}, {@code github_check_run_id}).
 *
 * @param commitSha the commit under test; on pull requests the head commit, never a merge commit;
 *     {@code "unknown"} when nothing could tell
 * @param branch the branch under test (the PR's source branch on pull requests); {@code "unknown"}
 *     when nothing could tell
 * @param prNumber the pull/merge request number, or null outside one
 * @param defaultBranchPush true on a push build of the repository's default branch
 * @param provider {@code github-actions}, {@code gitlab}, {@code circleci}, {@code jenkins}, {@code
 *     buildkite}, {@code azure-pipelines}, {@code bitbucket}, {@code ci} for another CI system that
 *     sets {@code CI=true}, or {@code local} outside CI
 * @param metadata run metadata to send with the run (never null, unmodifiable)
 */
public record CiContext(
    String commitSha,
    String branch,
    Integer prNumber,
    boolean defaultBranchPush,
    String provider,
    Map<String, String> metadata) {

  /** What the PostHog CLI reports when git cannot tell. */
  public static final String UNKNOWN = "unknown";

  /** The provider name outside any recognised CI system. */
  public static final String LOCAL = "local";

  public CiContext {
    commitSha = blankToUnknown(commitSha);
    branch = blankToUnknown(branch);
    Objects.requireNonNull(provider, "provider");
    metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
  }

  /**
   * Detects the context from an environment (normally {@link System#getenv()}) and a working
   * directory for the {@code git} fallback. Never throws for a missing or malformed variable or
   * event file: the value falls back to git, then to {@code "unknown"}.
   */
  public static CiContext detect(Map<String, String> env, Path workDir) {
    Objects.requireNonNull(env, "env");
    return CiDetector.detect(env, workDir == null ? Path.of("") : workDir);
  }

  /** {@link #detect(Map, Path)} with this process's environment and working directory. */
  public static CiContext detect() {
    return detect(System.getenv(), Path.of(""));
  }

  /** True when running on a CI system (a recognised provider, or any with {@code CI=true}). */
  public boolean isCi() {
    return !LOCAL.equals(provider);
  }

  /**
   * A copy with explicit values (from flags or configuration) in place of the detected ones; a null
   * argument keeps the detected value.
   */
  public CiContext withOverrides(String commit, String branchName, Integer pr) {
    return new CiContext(
        commit == null || commit.isBlank() ? commitSha : commit.trim(),
        branchName == null || branchName.isBlank() ? branch : branchName.trim(),
        pr == null ? prNumber : pr,
        defaultBranchPush,
        provider,
        metadata);
  }

  private static String blankToUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value.trim();
  }
}
