package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.ConfigKeys;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import dev.visualreview.api.contract.ContractServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shard mode end to end: {@code run create} (the CLI), two test JVMs that join the run, each with
 * its own test class, and {@code run complete} (the CLI), all against the contract server.
 */
class ShardModeTest {
  @TempDir Path workDir;
  private final ContractServer server = ContractServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  public static class FirstShard {
    @org.junit.jupiter.api.Test
    void page(Snapshots snapshots) {
      snapshots.capture("a", TestPngs.png(1));
      snapshots.capture("b", TestPngs.png(2));
    }
  }

  @VisualReview
  @ExtendWith(FixtureGuard.class)
  public static class SecondShard {
    @org.junit.jupiter.api.Test
    void page(Snapshots snapshots) {
      snapshots.capture("c", TestPngs.png(3));
    }
  }

  private record Exit(int code, String stdout) {}

  private Exit java(String mainClass, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("POSTHOG_PERSONAL_API_KEY", server.apiKey());
    builder.environment().remove("GITHUB_ACTIONS");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = builder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(mainClass + " did not finish within 120s");
    }
    return new Exit(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private List<String> connection() {
    return List.of(
        "--api",
        server.host(),
        "--team",
        server.projectId(),
        "--repo",
        server.repoId(),
        "--branch",
        "feat/shards",
        "--commit",
        "0123456789abcdef0123456789abcdef01234567");
  }

  private Exit shard(Class<?> fixture, String runId) throws Exception {
    return java(
        ShardJvm.class.getName(),
        List.of(
            fixture.getName(),
            FixtureGuard.KEY + "=true",
            ConfigKeys.RUN_ID + "=" + runId,
            ConfigKeys.MODE + "=posthog",
            ConfigKeys.POSTHOG_HOST + "=" + server.host(),
            ConfigKeys.POSTHOG_PROJECT_ID + "=" + server.projectId(),
            ConfigKeys.POSTHOG_REPO_ID + "=" + server.repoId(),
            ConfigKeys.REPORT_DIR + "=" + workDir.resolve("report-" + fixture.getSimpleName()),
            ConfigKeys.CACHE_DIR + "=" + workDir.resolve("cache-" + fixture.getSimpleName())));
  }

  @Test
  void twoJvmsJoinOneRunAndTheCliCompletesIt() throws Exception {
    List<String> create = new ArrayList<>(List.of("run", "create", "--type", "junit"));
    create.addAll(connection());
    Exit created = java("dev.visualreview.cli.Main", create);
    assertThat(created.code()).isZero();
    String runId = created.stdout().strip();
    assertThat(runId).matches("[0-9a-f-]{36}");

    Exit first = shard(FirstShard.class, runId);
    Exit second = shard(SecondShard.class, runId);
    assertThat(first.code()).as(first.stdout()).isZero();
    assertThat(second.code()).as(second.stdout()).isZero();
    assertThat(first.stdout()).contains("added 2 snapshot(s) in 1 shard(s) to run " + runId);
    assertThat(first.stdout())
        .as("the listener's last line says what the shard did, not a raw enum")
        .contains("Visual review: added 2 snapshot(s) to run " + runId + " (shard mode")
        .doesNotContain("SHARD_ADDED");
    assertThat(server.runIds()).containsExactly(runId);
    assertThat(server.run(runId).status()).isEqualTo("pending");
    assertThat(server.run(runId).identifiers())
        .containsExactlyInAnyOrder(
            "FirstShard--page--a", "FirstShard--page--b", "SecondShard--page--c");

    List<String> complete =
        new ArrayList<>(
            List.of(
                "run", "complete", "--run-id", runId, "--poll-interval", "1", "--timeout", "60"));
    complete.addAll(
        List.of("--api", server.host(), "--team", server.projectId(), "--repo", server.repoId()));
    Exit completed = java("dev.visualreview.cli.Main", complete);
    assertThat(server.run(runId).status()).isEqualTo("completed");
    // every snapshot is new against the server's empty baseline: changes need review → exit 1
    assertThat(completed.code()).isEqualTo(1);
  }
}
