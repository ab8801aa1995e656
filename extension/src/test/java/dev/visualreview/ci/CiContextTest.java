package dev.visualreview.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiContextTest {

  private static final String HEAD_SHA = "1111111111111111111111111111111111111111";
  private static final String MERGE_SHA = "2222222222222222222222222222222222222222";

  @TempDir Path temp;

  @Test
  void gitHubPullRequestUsesTheHeadCommitFromTheEventNotTheMergeCommit() throws IOException {
    Path event =
        write(
            "event.json",
            """
            {"action":"synchronize","number":42,
             "pull_request":{"number":42,"head":{"sha":"%s","ref":"feature/cart"},
                             "base":{"ref":"main"}},
             "repository":{"default_branch":"main"}}
            """
                .formatted(HEAD_SHA));
    Map<String, String> env =
        env(
            "GITHUB_ACTIONS", "true",
            "GITHUB_EVENT_NAME", "pull_request",
            "GITHUB_EVENT_PATH", event.toString(),
            "GITHUB_SHA", MERGE_SHA,
            "GITHUB_REF", "refs/pull/42/merge",
            "GITHUB_REF_NAME", "42/merge",
            "GITHUB_HEAD_REF", "feature/cart",
            "GITHUB_RUN_ID", "987654",
            "JOB_CHECK_RUN_ID", "555");

    CiContext ctx = CiContext.detect(env, temp);

    assertThat(ctx.provider()).isEqualTo("github-actions");
    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("feature/cart");
    assertThat(ctx.prNumber()).isEqualTo(42);
    assertThat(ctx.defaultBranchPush()).isFalse();
    assertThat(ctx.isCi()).isTrue();
    assertThat(ctx.metadata())
        .containsEntry("github_run_id", "987654")
        .containsEntry("github_check_run_id", "555");
  }

  @Test
  void gitHubPushToTheDefaultBranchIsRecognisedFromThePayload() throws IOException {
    Path event =
        write(
            "push.json",
            "{\"ref\":\"refs/heads/trunk\",\"repository\":{\"default_branch\":\"trunk\"}}");
    Map<String, String> env =
        env(
            "GITHUB_ACTIONS", "true",
            "GITHUB_EVENT_NAME", "push",
            "GITHUB_EVENT_PATH", event.toString(),
            "GITHUB_SHA", HEAD_SHA,
            "GITHUB_REF", "refs/heads/trunk",
            "GITHUB_REF_NAME", "trunk",
            "GITHUB_HEAD_REF", "");

    CiContext ctx = CiContext.detect(env, temp);

    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("trunk");
    assertThat(ctx.prNumber()).isNull();
    assertThat(ctx.defaultBranchPush()).isTrue();
    assertThat(ctx.metadata()).isEmpty();
  }

  @Test
  void gitHubPushToAnotherBranchIsNotADefaultBranchPush() throws IOException {
    Path event = write("push.json", "{\"repository\":{\"default_branch\":\"main\"}}");
    CiContext ctx =
        CiContext.detect(
            env(
                "GITHUB_ACTIONS", "true",
                "GITHUB_EVENT_NAME", "push",
                "GITHUB_EVENT_PATH", event.toString(),
                "GITHUB_SHA", HEAD_SHA,
                "GITHUB_REF", "refs/heads/release",
                "GITHUB_REF_NAME", "release"),
            temp);

    assertThat(ctx.branch()).isEqualTo("release");
    assertThat(ctx.defaultBranchPush()).isFalse();
  }

  @Test
  void gitHubWithAnUnreadableEventFileFallsBackToVariables() {
    CiContext ctx =
        CiContext.detect(
            env(
                "GITHUB_ACTIONS", "true",
                "GITHUB_EVENT_NAME", "pull_request",
                "GITHUB_EVENT_PATH", temp.resolve("missing.json").toString(),
                "GITHUB_SHA", MERGE_SHA,
                "GITHUB_REF", "refs/pull/7/merge",
                "GITHUB_HEAD_REF", "fix"),
            temp);

    assertThat(ctx.branch()).isEqualTo("fix");
    assertThat(ctx.prNumber()).isEqualTo(7);
    assertThat(ctx.commitSha()).isEqualTo(MERGE_SHA);
  }

  @Test
  void gitLabMergedResultsPipelineUsesTheSourceBranchHead() {
    CiContext ctx =
        CiContext.detect(
            env(
                "GITLAB_CI", "true",
                "CI_COMMIT_SHA", MERGE_SHA,
                "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", HEAD_SHA,
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature",
                "CI_COMMIT_REF_NAME", "refs/merge-requests/3/merge",
                "CI_MERGE_REQUEST_IID", "3",
                "CI_PIPELINE_SOURCE", "merge_request_event",
                "CI_DEFAULT_BRANCH", "main"),
            temp);

    assertThat(ctx.provider()).isEqualTo("gitlab");
    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("feature");
    assertThat(ctx.prNumber()).isEqualTo(3);
    assertThat(ctx.defaultBranchPush()).isFalse();
  }

  @Test
  void gitLabPushToTheDefaultBranch() {
    CiContext ctx =
        CiContext.detect(
            env(
                "GITLAB_CI", "true",
                "CI_COMMIT_SHA", HEAD_SHA,
                "CI_COMMIT_BRANCH", "main",
                "CI_COMMIT_REF_NAME", "main",
                "CI_PIPELINE_SOURCE", "push",
                "CI_DEFAULT_BRANCH", "main"),
            temp);

    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("main");
    assertThat(ctx.prNumber()).isNull();
    assertThat(ctx.defaultBranchPush()).isTrue();
  }

  @Test
  void circleCiReadsThePullRequestNumberFromItsUrl() {
    CiContext ctx =
        CiContext.detect(
            env(
                "CIRCLECI", "true",
                "CIRCLE_SHA1", HEAD_SHA,
                "CIRCLE_BRANCH", "feature",
                "CIRCLE_PULL_REQUEST", "https://github.com/acme/shop/pull/123"),
            temp);

    assertThat(ctx.provider()).isEqualTo("circleci");
    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("feature");
    assertThat(ctx.prNumber()).isEqualTo(123);
  }

  @Test
  void circleCiForkedPullRequestNumber() {
    CiContext ctx =
        CiContext.detect(
            env(
                "CIRCLECI",
                "true",
                "CIRCLE_SHA1",
                HEAD_SHA,
                "CIRCLE_BRANCH",
                "pull/9",
                "CIRCLE_PR_NUMBER",
                "9"),
            temp);
    assertThat(ctx.prNumber()).isEqualTo(9);
  }

  @Test
  void jenkinsMultibranchPullRequest() {
    CiContext ctx =
        CiContext.detect(
            env(
                "JENKINS_URL", "https://ci.example.com/",
                "GIT_COMMIT", HEAD_SHA,
                "BRANCH_NAME", "PR-24",
                "CHANGE_ID", "24",
                "CHANGE_BRANCH", "feature/login"),
            temp);

    assertThat(ctx.provider()).isEqualTo("jenkins");
    assertThat(ctx.branch()).isEqualTo("feature/login");
    assertThat(ctx.prNumber()).isEqualTo(24);
    assertThat(ctx.defaultBranchPush()).isFalse();
  }

  @Test
  void jenkinsPrimaryBranchBuild() {
    CiContext ctx =
        CiContext.detect(
            env(
                "JENKINS_URL", "https://ci.example.com/",
                "GIT_COMMIT", HEAD_SHA,
                "BRANCH_NAME", "main",
                "BRANCH_IS_PRIMARY", "true"),
            temp);

    assertThat(ctx.branch()).isEqualTo("main");
    assertThat(ctx.defaultBranchPush()).isTrue();
  }

  @Test
  void buildkitePullRequestAndDefaultBranch() {
    CiContext pr =
        CiContext.detect(
            env(
                "BUILDKITE", "true",
                "BUILDKITE_COMMIT", HEAD_SHA,
                "BUILDKITE_BRANCH", "feature",
                "BUILDKITE_PULL_REQUEST", "17",
                "BUILDKITE_PIPELINE_DEFAULT_BRANCH", "main"),
            temp);
    CiContext main =
        CiContext.detect(
            env(
                "BUILDKITE", "true",
                "BUILDKITE_COMMIT", HEAD_SHA,
                "BUILDKITE_BRANCH", "main",
                "BUILDKITE_PULL_REQUEST", "false",
                "BUILDKITE_PIPELINE_DEFAULT_BRANCH", "main"),
            temp);

    assertThat(pr.provider()).isEqualTo("buildkite");
    assertThat(pr.prNumber()).isEqualTo(17);
    assertThat(pr.defaultBranchPush()).isFalse();
    assertThat(main.prNumber()).isNull();
    assertThat(main.defaultBranchPush()).isTrue();
  }

  @Test
  void azurePipelinesPullRequestUsesTheSourceCommit() {
    CiContext ctx =
        CiContext.detect(
            env(
                "TF_BUILD", "True",
                "BUILD_SOURCEVERSION", MERGE_SHA,
                "BUILD_SOURCEBRANCH", "refs/pull/31/merge",
                "SYSTEM_PULLREQUEST_PULLREQUESTID", "90001",
                "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "31",
                "SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/feature",
                "SYSTEM_PULLREQUEST_SOURCECOMMITID", HEAD_SHA),
            temp);

    assertThat(ctx.provider()).isEqualTo("azure-pipelines");
    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("feature");
    assertThat(ctx.prNumber()).isEqualTo(31);
  }

  @Test
  void azurePipelinesBranchBuild() {
    CiContext ctx =
        CiContext.detect(
            env(
                "TF_BUILD", "True",
                "BUILD_SOURCEVERSION", HEAD_SHA,
                "BUILD_SOURCEBRANCH", "refs/heads/release/2.0",
                "BUILD_SOURCEBRANCHNAME", "2.0"),
            temp);

    assertThat(ctx.branch()).isEqualTo("release/2.0");
    assertThat(ctx.prNumber()).isNull();
  }

  @Test
  void bitbucketPipelines() {
    CiContext ctx =
        CiContext.detect(
            env(
                "BITBUCKET_BUILD_NUMBER", "12",
                "BITBUCKET_COMMIT", HEAD_SHA,
                "BITBUCKET_BRANCH", "feature",
                "BITBUCKET_PR_ID", "8"),
            temp);

    assertThat(ctx.provider()).isEqualTo("bitbucket");
    assertThat(ctx.commitSha()).isEqualTo(HEAD_SHA);
    assertThat(ctx.branch()).isEqualTo("feature");
    assertThat(ctx.prNumber()).isEqualTo(8);
  }

  @Test
  void outsideCiFallsBackToGit() throws Exception {
    Path repo = Files.createDirectories(temp.resolve("repo"));
    git(repo, "init", "-q", "-b", "topic");
    Files.writeString(repo.resolve("a.txt"), "a");
    git(repo, "add", "a.txt");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");

    CiContext ctx = CiContext.detect(Map.of(), repo);

    assertThat(ctx.provider()).isEqualTo("local");
    assertThat(ctx.isCi()).isFalse();
    assertThat(ctx.branch()).isEqualTo("topic");
    assertThat(ctx.commitSha()).matches("[0-9a-f]{40}");
    assertThat(ctx.prNumber()).isNull();
  }

  @Test
  void outsideAGitRepositoryEverythingIsUnknown() {
    CiContext ctx = CiContext.detect(Map.of("CI", "true"), temp);

    assertThat(ctx.provider()).isEqualTo("ci");
    assertThat(ctx.isCi()).isTrue();
    assertThat(ctx.commitSha()).isEqualTo("unknown");
    assertThat(ctx.branch()).isEqualTo("unknown");
  }

  @Test
  void providerVariablesMissingFallBackToGitPerValue() {
    CiContext ctx = CiContext.detect(env("BUILDKITE", "true", "BUILDKITE_BRANCH", "x"), temp);

    assertThat(ctx.branch()).isEqualTo("x");
    assertThat(ctx.commitSha()).isEqualTo("unknown");
  }

  @Test
  void explicitOverridesWin() {
    CiContext detected =
        CiContext.detect(
            env(
                "BITBUCKET_BUILD_NUMBER",
                "1",
                "BITBUCKET_COMMIT",
                HEAD_SHA,
                "BITBUCKET_BRANCH",
                "b"),
            temp);

    CiContext overridden = detected.withOverrides(MERGE_SHA, "other", 5);
    CiContext kept = detected.withOverrides(null, " ", null);

    assertThat(overridden.commitSha()).isEqualTo(MERGE_SHA);
    assertThat(overridden.branch()).isEqualTo("other");
    assertThat(overridden.prNumber()).isEqualTo(5);
    assertThat(overridden.provider()).isEqualTo("bitbucket");
    assertThat(kept).isEqualTo(detected);
  }

  @Test
  void malformedNumbersAreNotPullRequests() {
    assertThat(CiDetector.parseNumber("false")).isNull();
    assertThat(CiDetector.parseNumber("")).isNull();
    assertThat(CiDetector.parseNumber("-3")).isNull();
    assertThat(CiDetector.parseNumber(" 12 ")).isEqualTo(12);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s", List.of(args)).isZero();
  }
}
