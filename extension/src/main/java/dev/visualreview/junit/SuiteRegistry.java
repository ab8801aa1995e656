package dev.visualreview.junit;

import dev.visualreview.image.HashCache;
import dev.visualreview.image.ImageHash;
import dev.visualreview.report.FailureMessages;
import dev.visualreview.run.Backend;
import dev.visualreview.run.BackendFactory;
import dev.visualreview.run.Gate;
import dev.visualreview.run.GateDecision;
import dev.visualreview.run.IdentifierLedger;
import dev.visualreview.run.RerunBackend;
import dev.visualreview.run.RunSession;
import dev.visualreview.run.SessionEnding;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.SuiteHistory;
import dev.visualreview.run.SuiteLock;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.VisualReviewConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's state, one per engine execution, kept in the root store. It creates the {@link
 * RunSession} on first use, so a suite whose visual tests capture nothing creates no run. When the
 * engine's root store closes it, it waits for the shards, completes the run, writes the reports,
 * and throws when the verdict fails the build: Surefire then marks the "JUnit Jupiter" engine
 * failed. Implements both {@link AutoCloseable} and the older {@code CloseableResource}: JUnit
 * 5.10-5.12 close only the latter, newer versions close either, once.
 */
@SuppressWarnings("deprecation")
final class SuiteRegistry implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  static final String REPORT_ENTRY_VERDICT = "visualreview.verdict";
  static final String REPORT_ENTRY_REPORT = "visualreview.report";

  private final ExtensionContext root;
  private final VisualReviewConfig config;
  private final Map<String, String> environment;
  private final IdentifierLedger ledger = new IdentifierLedger();
  private final AtomicLong sequence = new AtomicLong();
  private final Attachments attachments = Attachments.detect();
  private RunSession session;
  private HashCache hashCache;
  private RuntimeException sessionFailure;
  private boolean closed;
  private boolean completesRun;
  private volatile Path reportDir;

  SuiteRegistry(ExtensionContext root, VisualReviewConfig config, Map<String, String> environment) {
    this.root = root;
    this.config = config;
    this.environment = environment;
  }

  VisualReviewConfig config() {
    return config;
  }

  /** Where this suite's reports and report images go (a re-run writes to its own folder). */
  Path reportDir() {
    Path dir = reportDir;
    return dir != null ? dir : config.reportDir();
  }

  IdentifierLedger ledger() {
    return ledger;
  }

  Attachments attachments() {
    return attachments;
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** Hashes through the persistent cache (opened on first use), so unchanged PNGs skip decoding. */
  ImageHash hash(byte[] png) {
    return hashCache().hashOf(png);
  }

  private synchronized HashCache hashCache() {
    if (hashCache == null) {
      hashCache =
          HashCache.open(
              config
                  .cacheDir()
                  .map(dir -> dir.resolve("hashes"))
                  .orElse(HashCache.defaultDirectory()));
    }
    return hashCache;
  }

  /** The session, created (and its backend opened in the background) on first use. */
  synchronized RunSession session() {
    if (closed) {
      throw new IllegalStateException("the visual review suite has already ended");
    }
    if (sessionFailure != null) {
      throw sessionFailure;
    }
    if (session == null) {
      try {
        session = startSession();
      } catch (RuntimeException e) {
        sessionFailure = e;
        throw e;
      }
    }
    return session;
  }

  private RunSession startSession() {
    SuiteLock lock = config.shardMode() ? null : SuiteLock.acquire(config.reportDir());
    try {
      Optional<String> earlier =
          config.shardMode()
              ? Optional.empty()
              : SuiteHistory.completedEarlierInThisJvm(config.reportDir());
      VisualReviewConfig effective = config;
      if (earlier.isPresent()) {
        effective = config.withReportDir(config.reportDir().resolve("rerun"));
      }
      reportDir = effective.reportDir();
      BackendFactory.Choice choice =
          BackendFactory.create(effective, environment, Path.of("").toAbsolutePath());
      Backend backend = choice.backend();
      if (earlier.isPresent()) {
        if (choice.mode() != Mode.LOCAL) {
          backend.close();
          backend = new RerunBackend();
        }
        System.out.println(
            "Visual review: this JVM already completed "
                + earlier.get()
                + "; this is a re-run of failed tests (e.g. Surefire rerunFailingTestsCount), so"
                + (choice.mode() == Mode.LOCAL
                    ? " it is judged locally with its report in " + effective.reportDir()
                    : " its snapshots are not sent and that run's verdict stands"));
      } else {
        completesRun = !config.shardMode();
      }
      return RunSession.start(
          backend, config.runId().orElse(null), 4, lock == null ? null : lock::close);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      throw e;
    }
  }

  boolean enabled() {
    return config.mode() != Mode.OFF;
  }

  /** Judges one finished test's snapshots (local mode); empty when the backend judges later. */
  List<SnapshotVerdict> judge(List<Snapshot> snapshots) {
    if (snapshots.isEmpty()) {
      return List.of();
    }
    return session().judge(snapshots, config.timeout());
  }

  void submit(Shard shard) {
    if (!shard.snapshots().isEmpty()) {
      session().submit(shard);
    }
  }

  @Override
  public void close() {
    RunSession ending;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      ending = session;
    }
    if (ending == null) {
      return;
    }
    GateDecision decision;
    String message;
    RuntimeException reportFailure = null;
    try {
      SessionEnding result = ending.finish(config.timeout());
      if (completesRun) {
        SuiteHistory.recordCompletion(
            config.reportDir(),
            result.outcome() == null || result.outcome().runId() == null
                ? "a visual review suite"
                : "run " + result.outcome().runId());
      }
      decision = Gate.decide(result, config.onUnreachable());
      message = FailureMessages.endOfSuite(result, decision);
      try {
        SuiteReports.write(result, decision, message, reportDir(), environment, root);
      } catch (RuntimeException e) {
        reportFailure = e;
      }
    } finally {
      ending.close();
    }
    if (decision.fail()) {
      VisualReviewFailedError error = new VisualReviewFailedError(message);
      if (reportFailure != null) {
        error.addSuppressed(reportFailure);
      }
      throw error;
    }
    if (reportFailure != null) {
      throw reportFailure;
    }
  }
}
