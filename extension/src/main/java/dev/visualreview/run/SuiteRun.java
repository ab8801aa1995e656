package dev.visualreview.run;

import dev.visualreview.ci.CiContext;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.config.VisualReviewConfig;
import dev.visualreview.run.local.LocalBackend;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  private final CiContext ci;
  private final Path reportDir;
  private final String rerunOf;
  private final RunScope scope;
  private final LocalBackend localBackend;

  private SuiteRun(
      VisualReviewConfig config,
      RunSession session,
      BackendFactory.Choice choice,
      Path reportDir,
      String rerunOf,
      RunScope scope) {
    this.config = config;
    this.session = session;
    this.mode = choice.mode();
    this.ci = choice.ci();
    this.reportDir = reportDir;
    this.rerunOf = rerunOf;
    this.scope = scope;
    this.localBackend = choice.backend() instanceof LocalBackend local ? local : null;
  }

  /**
   * Starts the suite's run: takes the report folder's lock (unless the suite joins a run in shard
   * mode), detects a re-run, chooses the backend and opens it in the background.
   *
   * @param environment the process environment (CI detection)
   * @param workDir the module's directory (git and relative paths)
   * @param scope whether the whole suite runs or part of it (a partial run reports and deletes no
   *     baseline of a test that did not run, and is created with {@code is_partial} on PostHog)
   * @throws IllegalStateException when another suite holds the report folder, or the settings
   *     cannot give a backend; the message names the fix
   */
  public static SuiteRun start(
      VisualReviewConfig config, Map<String, String> environment, Path workDir, RunScope scope) {
    SuiteLock lock = config.shardMode() ? null : SuiteLock.acquire(config.reportDir());
    try {
      Optional<String> earlier =
          config.shardMode()
              ? Optional.empty()
              : SuiteHistory.completedEarlierInThisJvm(config.reportDir());
      VisualReviewConfig effective =
          earlier.isPresent() ? config.withReportDir(config.reportDir().resolve("rerun")) : config;
      BackendFactory.Choice choice = BackendFactory.create(effective, environment, workDir, scope);
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
          config, session, choice, effective.reportDir(), earlier.orElse(null), scope);
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

  /** Whether the whole suite runs or part of it. */
  public RunScope scope() {
    return scope;
  }

  /** The local backend, in local mode (it keeps baselines of tests that did not finish). */
  public Optional<LocalBackend> localBackend() {
    return Optional.ofNullable(localBackend);
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
   * @param report what this suite's report shows: the run's outcome, what a review that could not
   *     finish got to, or the shard added to a joined run; null for a re-run that sent nothing
   */
  public record Ending(SessionEnding session, GateDecision decision, RunOutcome report) {}

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
    GateDecision decision = Gate.decide(result, config.onUnreachable());
    RunOutcome report = result.outcome();
    if (report == null && !result.failures().isEmpty()) {
      report = couldNotFinish(result, decision);
    } else if (report == null && result.runId() != null) {
      report =
          facts(mode, config, ci)
              .runId(result.runId())
              .status(RunStatus.PENDING)
              .conclusion(new Conclusion.ShardAdded(result.snapshots(), result.shards()))
              .build();
    }
    if (report != null && scope.partial()) {
      report = report.toBuilder().partial(true).build();
    }
    return new Ending(result, decision, report);
  }

  /**
   * The report of a review that could not finish: the reasons, the verdicts the backend reached,
   * and the snapshots it captured but did not judge.
   */
  private RunOutcome couldNotFinish(SessionEnding result, GateDecision decision) {
    Backend.Progress progress = session.progress();
    Set<String> judged = new HashSet<>();
    progress.verdicts().forEach(v -> judged.add(v.identifier()));
    List<UnjudgedSnapshot> notJudged =
        session.captured().stream().filter(s -> !judged.contains(s.identifier())).toList();
    List<String> reasons = result.failures().stream().map(Failures::describe).toList();
    return facts(mode, config, ci)
        .runId(progress.runId() != null ? progress.runId() : config.runId().orElse(null))
        .status(RunStatus.ERROR)
        .counts(RunCounts.of(progress.verdicts()))
        .snapshots(progress.verdicts())
        .notJudged(notJudged)
        .reviewUrl(progress.reviewUrl())
        .errorMessage(reasons.get(0))
        .verdict(Verdict.ERROR, 2)
        .conclusion(new Conclusion.CouldNotFinish(reasons, !decision.fail()))
        .build();
  }

  /**
   * The report of a suite whose run could not even start (e.g. its report folder cannot be
   * written): the reason, and which mode it would have run in. Null when another suite holds the
   * report folder: the reports there are that suite's.
   */
  public static RunOutcome couldNotStart(VisualReviewConfig config, Throwable failure) {
    if (failure instanceof SuiteLock.BusyException) {
      return null;
    }
    Mode mode =
        config.mode() == Mode.POSTHOG || (config.mode() == Mode.AUTO && config.apiKey().isPresent())
            ? Mode.POSTHOG
            : Mode.LOCAL;
    String reason = Failures.describe(failure);
    return facts(mode, config, null)
        .status(RunStatus.ERROR)
        .errorMessage(reason)
        .verdict(Verdict.ERROR, 2)
        .conclusion(new Conclusion.CouldNotFinish(List.of(reason), false))
        .build();
  }

  private static RunOutcome.Builder facts(Mode mode, VisualReviewConfig config, CiContext ci) {
    RunOutcome.Builder b = RunOutcome.builder(mode).runId(config.runId().orElse(null));
    if (ci == null) {
      return b.purpose(config.purpose().orElse(Purpose.REVIEW))
          .run(config.runType(), config.branch().orElse(null), config.commit().orElse(null));
    }
    return b.purpose(
            config.purpose().orElse(ci.defaultBranchPush() ? Purpose.OBSERVE : Purpose.REVIEW))
        .run(config.runType(), ci.branch(), ci.commitSha());
  }

  /** Stops the session and releases the report folder's lock. Idempotent. */
  @Override
  public void close() {
    session.close();
  }
}
