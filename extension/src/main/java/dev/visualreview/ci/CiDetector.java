package dev.visualreview.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CI context from each provider's documented variables. Every value that a provider does
 * not supply falls back to {@link Git}.
 */
final class CiDetector {

  private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)/?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private CiDetector() {}

  static CiContext detect(Map<String, String> env, Path workDir) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "github_run_id", env.get("GITHUB_RUN_ID"));
    put(metadata, "github_check_run_id", env.get("JOB_CHECK_RUN_ID"));
    Found found;
    if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
      found = gitHubActions(env);
    } else if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
      found = gitLab(env);
    } else if ("true".equalsIgnoreCase(env.get("CIRCLECI"))) {
      found = circleCi(env);
    } else if ("true".equalsIgnoreCase(env.get("BUILDKITE"))) {
      found = buildkite(env);
    } else if (present(env.get("TF_BUILD"))) {
      found = azure(env);
    } else if (present(env.get("BITBUCKET_BUILD_NUMBER"))) {
      found = bitbucket(env);
    } else if (present(env.get("JENKINS_URL")) || present(env.get("JENKINS_HOME"))) {
      found = jenkins(env);
    } else {
      String provider = "true".equalsIgnoreCase(env.get("CI")) ? "ci" : CiContext.LOCAL;
      found = new Found(provider, null, null, null, false);
    }
    String commit = present(found.commit) ? found.commit : Git.commit(workDir);
    String branch = present(found.branch) ? found.branch : Git.branch(workDir);
    return new CiContext(
        commit, branch, found.pr, found.defaultBranchPush, found.provider, metadata);
  }

  /** What one provider told us; nulls are filled from git. */
  private record Found(
      String provider, String commit, String branch, Integer pr, boolean defaultBranchPush) {}

  /**
   * GitHub Actions. On pull_request events GITHUB_SHA is the merge commit GitHub made, so the head
   * SHA, head ref and number come from the event payload at GITHUB_EVENT_PATH.
   */
  private static Found gitHubActions(Map<String, String> env) {
    JsonNode event = readJson(env.get("GITHUB_EVENT_PATH"));
    JsonNode pullRequest = event == null ? null : event.get("pull_request");
    if (pullRequest != null && pullRequest.isObject()) {
      String sha = text(pullRequest.path("head").path("sha"));
      String ref = text(pullRequest.path("head").path("ref"));
      Integer number =
          pullRequest.path("number").isInt() ? pullRequest.get("number").asInt() : null;
      return new Found(
          "github-actions",
          present(sha) ? sha : env.get("GITHUB_SHA"),
          firstPresent(ref, env.get("GITHUB_HEAD_REF"), env.get("GITHUB_REF_NAME")),
          number != null ? number : pullRequestFromRef(env.get("GITHUB_REF")),
          false);
    }
    String branch = firstPresent(env.get("GITHUB_HEAD_REF"), env.get("GITHUB_REF_NAME"));
    boolean push = "push".equals(env.get("GITHUB_EVENT_NAME"));
    String ref = env.get("GITHUB_REF");
    String defaultBranch =
        event == null ? null : text(event.path("repository").path("default_branch"));
    boolean defaultBranchPush =
        push && present(defaultBranch) && ref != null && ref.equals("refs/heads/" + defaultBranch);
    return new Found(
        "github-actions",
        env.get("GITHUB_SHA"),
        branch,
        pullRequestFromRef(ref),
        defaultBranchPush);
  }

  /**
   * GitLab CI. In merged-results pipelines CI_COMMIT_SHA is the merge commit and the source
   * branch's head is CI_MERGE_REQUEST_SOURCE_BRANCH_SHA; in plain merge request pipelines that
   * variable is empty and CI_COMMIT_SHA is the head.
   */
  private static Found gitLab(Map<String, String> env) {
    String commit =
        firstPresent(env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA"), env.get("CI_COMMIT_SHA"));
    String branch =
        firstPresent(
            env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
            env.get("CI_COMMIT_BRANCH"),
            env.get("CI_COMMIT_REF_NAME"));
    Integer pr = parseNumber(env.get("CI_MERGE_REQUEST_IID"));
    String defaultBranch = env.get("CI_DEFAULT_BRANCH");
    boolean defaultBranchPush =
        pr == null
            && "push".equals(env.get("CI_PIPELINE_SOURCE"))
            && present(defaultBranch)
            && defaultBranch.equals(env.get("CI_COMMIT_BRANCH"));
    return new Found("gitlab", commit, branch, pr, defaultBranchPush);
  }

  /** CircleCI: CIRCLE_PR_NUMBER is set on forked PRs only; CIRCLE_PULL_REQUEST is the PR URL. */
  private static Found circleCi(Map<String, String> env) {
    Integer pr = parseNumber(env.get("CIRCLE_PR_NUMBER"));
    if (pr == null) {
      pr = trailingNumber(env.get("CIRCLE_PULL_REQUEST"));
    }
    return new Found("circleci", env.get("CIRCLE_SHA1"), env.get("CIRCLE_BRANCH"), pr, false);
  }

  /** Buildkite: BUILDKITE_PULL_REQUEST is the number, or "false" outside pull requests. */
  private static Found buildkite(Map<String, String> env) {
    Integer pr = parseNumber(env.get("BUILDKITE_PULL_REQUEST"));
    String branch = env.get("BUILDKITE_BRANCH");
    String defaultBranch = env.get("BUILDKITE_PIPELINE_DEFAULT_BRANCH");
    String commit = env.get("BUILDKITE_COMMIT");
    if ("HEAD".equals(commit)) {
      commit = null; // a build triggered for "HEAD": ask git for the checked-out commit
    }
    boolean defaultBranchPush =
        pr == null && present(defaultBranch) && defaultBranch.equals(branch);
    return new Found("buildkite", commit, branch, pr, defaultBranchPush);
  }

  /**
   * Azure Pipelines: for pull requests BUILD_SOURCEVERSION is the merge commit; the source commit,
   * branch and number come from the SYSTEM_PULLREQUEST_* variables (GitHub PRs have a number
   * distinct from the id).
   */
  private static Found azure(Map<String, String> env) {
    Integer pr =
        parseNumber(
            firstPresent(
                env.get("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"),
                env.get("SYSTEM_PULLREQUEST_PULLREQUESTID")));
    if (pr != null) {
      return new Found(
          "azure-pipelines",
          firstPresent(
              env.get("SYSTEM_PULLREQUEST_SOURCECOMMITID"), env.get("BUILD_SOURCEVERSION")),
          stripHeads(env.get("SYSTEM_PULLREQUEST_SOURCEBRANCH")),
          pr,
          false);
    }
    String branch =
        firstPresent(stripHeads(env.get("BUILD_SOURCEBRANCH")), env.get("BUILD_SOURCEBRANCHNAME"));
    return new Found("azure-pipelines", env.get("BUILD_SOURCEVERSION"), branch, null, false);
  }

  /** Bitbucket Pipelines: BITBUCKET_PR_ID only on pull-request pipelines. */
  private static Found bitbucket(Map<String, String> env) {
    return new Found(
        "bitbucket",
        env.get("BITBUCKET_COMMIT"),
        env.get("BITBUCKET_BRANCH"),
        parseNumber(env.get("BITBUCKET_PR_ID")),
        false);
  }

  /**
   * Jenkins (multibranch): CHANGE_ID is the PR number and CHANGE_BRANCH its source branch
   * (BRANCH_NAME is then "PR-24"); BRANCH_IS_PRIMARY marks the default branch.
   */
  private static Found jenkins(Map<String, String> env) {
    Integer pr = parseNumber(env.get("CHANGE_ID"));
    String branch =
        pr != null
            ? firstPresent(env.get("CHANGE_BRANCH"), env.get("BRANCH_NAME"))
            : firstPresent(env.get("BRANCH_NAME"), stripOrigin(env.get("GIT_BRANCH")));
    boolean defaultBranchPush =
        pr == null && "true".equals(env.get("BRANCH_IS_PRIMARY")) && !present(env.get("TAG_NAME"));
    return new Found("jenkins", env.get("GIT_COMMIT"), branch, pr, defaultBranchPush);
  }

  private static JsonNode readJson(String path) {
    if (!present(path)) {
      return null;
    }
    try {
      return JSON.readTree(Files.readAllBytes(Path.of(path)));
    } catch (IOException | RuntimeException e) {
      return null; // unreadable payload: fall back to the variables
    }
  }

  private static Integer pullRequestFromRef(String ref) {
    // refs/pull/123/merge on pull_request events
    if (ref != null && ref.startsWith("refs/pull/")) {
      String[] parts = ref.split("/");
      return parts.length > 2 ? parseNumber(parts[2]) : null;
    }
    return null;
  }

  private static Integer trailingNumber(String url) {
    if (!present(url)) {
      return null;
    }
    Matcher m = TRAILING_NUMBER.matcher(url.trim());
    return m.find() ? parseNumber(m.group(1)) : null;
  }

  static Integer parseNumber(String value) {
    if (!present(value)) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null; // "false", "", or garbage: not a pull request
    }
  }

  private static String stripHeads(String ref) {
    return ref != null && ref.startsWith("refs/heads/")
        ? ref.substring("refs/heads/".length())
        : ref;
  }

  private static String stripOrigin(String ref) {
    return ref != null && ref.startsWith("origin/") ? ref.substring("origin/".length()) : ref;
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static String firstPresent(String... values) {
    for (String v : values) {
      if (present(v)) {
        return v;
      }
    }
    return null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (present(value)) {
      metadata.put(key, value.trim());
    }
  }
}
