package dev.visualreview.run;

import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.VisualReviewConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One suite's run from start to verdict: one suite per report folder at a time ({@link SuiteLock}),
 * the re-run policy ({@link SuiteHistory}: a second suite in a JVM that already completed one is a
 * re-run of failed tests), the backend the settings choose, its {@link RunSession}, and at the end
 * the gate's decision.
 */
public final class SuiteRun implements AutoCloseable {
  /** Threads handing shards to the backend. */
  private static final int UPLOAD_THREADS = 4;

  private final VisualReviewConfig config;
  private final RunSession session;
  private final Mode mode;
  private final Path reportDir;
  private final String rerunOf;

  private SuiteRun(
      VisualReviewConfig config, RunSession session, Mode mode, Path reportDir, String rerunOf) {
    this.config = config;
    this.session = session;
    this.mode = mode;
    this.reportDir = reportDir;
    this.rerunOf = rerunOf;
  }

  /**
   * Starts the suite's run: takes the report folder's lock (unless the suite joins a run in shard
   * mode), detects a re-run, chooses the backend and opens it in the background.
   *
   * @param environment the process environment (CI detection)
   * @param workDir the working directory (git and relative paths)
   * @throws IllegalStateException when another suite holds the report folder, or the settings
   *     cannot give a backend; the message names the fix
   */
  public static SuiteRun start(
      VisualReviewConfig config, Map<String, String> environment, Path workDir) {
    SuiteLock lock = config.shardMode() ? null : SuiteLock.acquire(config.reportDir());
    try {
      Optional<String> earlier =
          config.shardMode()
              ? Optional.empty()
              : SuiteHistory.completedEarlierInThisJvm(config.reportDir());
      VisualReviewConfig effective =
          earlier.isPresent() ? config.withReportDir(config.reportDir().resolve("rerun")) : config;
      BackendFactory.Choice choice = BackendFactory.create(effective, environment, workDir);
      Backend backend = choice.backend();
      if (earlier.isPresent() && choice.mode() != Mode.LOCAL) {
        // the completed run's verdict stands: a re-run sends nothing that could supersede it
        backend.close();
        backend = new RerunBackend();
      }
      RunSession session =
          RunSession.start(
              backend,
              config.runId().orElse(null),
              UPLOAD_THREADS,
              lock == null ? null : lock::close);
      return new SuiteRun(
          config, session, choice.mode(), effective.reportDir(), earlier.orElse(null));
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      throw e;
    }
  }

  /** The session snapshots and shards go to. */
  public RunSession session() {
    return session;
  }

  /** Where this suite's reports and report images go (a re-run writes to its own folder). */
  public Path reportDir() {
    return reportDir;
  }

  /** Local or PostHog (the library's internal test backend counts as PostHog). */
  public Mode mode() {
    return mode;
  }

  /** What this JVM completed earlier in the report folder, when this suite is a re-run. */
  public Optional<String> rerunOf() {
    return Optional.ofNullable(rerunOf);
  }

  /**
   * How the suite ended.
   *
   * @param session how the session ended
   * @param decision what the gate decided
   */
  public record Ending(SessionEnding session, GateDecision decision) {}

  /**
   * Waits for the shards, completes the run (unless it was joined, or this is a re-run), records
   * the completion for re-run detection, and decides.
   */
  public Ending end() {
    SessionEnding result = session.finish(config.timeout());
    if (rerunOf == null && !config.shardMode()) {
      SuiteHistory.recordCompletion(
          config.reportDir(),
          result.outcome() == null || result.outcome().runId() == null
              ? "a visual review suite"
              : "run " + result.outcome().runId());
    }
    return new Ending(result, Gate.decide(result, config.onUnreachable()));
  }

  /** Stops the session and releases the report folder's lock. Idempotent. */
  @Override
  public void close() {
    session.close();
  }
}
