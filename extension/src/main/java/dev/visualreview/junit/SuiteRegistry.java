package dev.visualreview.junit;

import dev.visualreview.VisualReviewFailedError;
import dev.visualreview.image.HashCache;
import dev.visualreview.image.ImageHash;
import dev.visualreview.report.ConsoleText;
import dev.visualreview.report.SuiteMessages;
import dev.visualreview.run.IdentifierLedger;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.RunScope;
import dev.visualreview.run.RunSession;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.SuiteRun;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.VisualReviewConfig;
import dev.visualreview.run.local.LocalBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's state, one per engine execution, kept in the root store. It starts the {@link
 * SuiteRun} on first use, so a suite whose visual tests capture nothing creates no run. When the
 * engine's root store closes it, it ends the run, writes the reports, and throws when the gate
 * fails the build: Surefire then marks the "JUnit Jupiter" engine failed. Implements both {@link
 * AutoCloseable} and the older {@code CloseableResource}: JUnit 5.10-5.12 close only the latter,
 * newer versions close either, once.
 */
@SuppressWarnings("deprecation")
final class SuiteRegistry implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  static final String REPORT_ENTRY_VERDICT = "visualreview.verdict";
  static final String REPORT_ENTRY_REPORT = "visualreview.report";
  static final String REPORT_ENTRY_REPORT_PROBLEM = "visualreview.reportProblem";

  private final ExtensionContext root;
  private final SuiteSetup setup;
  private final VisualReviewConfig config;
  private final Map<String, String> environment;
  private final IdentifierLedger ledger = new IdentifierLedger();
  private final AtomicLong sequence = new AtomicLong();
  private final Attachments attachments = Attachments.detect();
  private volatile SuiteRun run;
  private HashCache hashCache;
  private RuntimeException sessionFailure;
  private boolean closed;
  private KnownBaselines knownBaselines;

  SuiteRegistry(ExtensionContext root, SuiteSetup setup) {
    this.root = root;
    this.setup = setup;
    this.config = setup.config();
    this.environment = setup.environment();
    if (enabled() && setup.failure() == null) {
      Warmup.start();
    }
  }

  /** How the suite started: settings, module, test plan, or why it cannot run. */
  SuiteSetup setup() {
    return setup;
  }

  VisualReviewConfig config() {
    return config;
  }

  /** Where this suite's reports and report images go (a re-run writes to its own folder). */
  Path reportDir() {
    SuiteRun started = run;
    return started != null ? started.reportDir() : config.reportDir();
  }

  IdentifierLedger ledger() {
    return ledger;
  }

  Attachments attachments() {
    return attachments;
  }

  /** The identifiers that had a baseline when the suite started (read on first use). */
  synchronized KnownBaselines knownBaselines() {
    if (knownBaselines == null) {
      knownBaselines = KnownBaselines.read(config.baselineDir(), config.baseline());
    }
    return knownBaselines;
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
    if (run == null) {
      try {
        RunScope scope = config.shardMode() ? RunScope.whole() : setup.scope();
        run = SuiteRun.start(config, environment, setup.module().dir(), scope);
      } catch (RuntimeException e) {
        sessionFailure = e;
        throw e;
      }
      run.rerunOf()
          .ifPresentOrElse(
              earlier ->
                  System.out.println(
                      SuiteMessages.rerunNotice(earlier, run.mode(), run.reportDir())),
              () -> {
                if (run.scope().partial()) {
                  System.out.println(SuiteMessages.partialRunNotice(run.scope().reason()));
                }
              });
    }
    return run.session();
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

  /**
   * A visual test that was skipped, aborted or failed before its end did not produce all its
   * snapshots: locally, the run then reports no baseline as removed and deletes none.
   */
  private static void keepBaselinesOfUnfinishedTests(LocalBackend local, List<String> unfinished) {
    if (!unfinished.isEmpty()) {
      local.keepBaselinesNotProduced(
          unfinished.size()
              + (unfinished.size() == 1 ? " visual test" : " visual tests")
              + " did not run to the end: "
              + String.join(", ", unfinished.subList(0, Math.min(5, unfinished.size())))
              + (unfinished.size() > 5 ? " and " + (unfinished.size() - 5) + " more" : ""));
    }
  }

  private static void reportKeptBaselines(LocalBackend local) {
    if (local.keptBaselines() > 0) {
      System.out.println(
          "Visual review: "
              + local.keptBaselines()
              + (local.keptBaselines() == 1 ? " baseline" : " baselines")
              + " not produced by this run were kept, not reported as removed: "
              + local.keptReason());
    }
  }

  @Override
  public void close() {
    SuiteRun ending;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      ending = run;
    }
    if (setup.failure() != null) {
      String reason = "Visual review could not start: " + setup.failure().getMessage();
      RunOutcome report = SuiteRun.couldNotStart(config, setup.failure());
      if (report != null) {
        try {
          SuiteReports.write(report, "", true, config.reportDir(), environment, root);
        } catch (RuntimeException e) {
          VisualReviewFailedError error =
              new VisualReviewFailedError(
                  reason + "\n" + ConsoleText.defuse(String.valueOf(e.getMessage())));
          error.addSuppressed(e);
          throw error;
        }
      }
      throw new VisualReviewFailedError(ConsoleText.defuse(reason));
    }
    if (ending == null) {
      RunOutcome report =
          sessionFailure == null ? null : SuiteRun.couldNotStart(config, sessionFailure);
      if (report != null) {
        // the tests that captured failed with the reason; the report says it too
        SuiteReports.write(report, "", false, config.reportDir(), environment, root);
      }
      return;
    }
    SuiteRun.Ending end;
    String message;
    RuntimeException reportFailure = null;
    try {
      ending
          .localBackend()
          .ifPresent(l -> keepBaselinesOfUnfinishedTests(l, setup.unfinishedTests()));
      end = ending.end();
      ending.localBackend().ifPresent(SuiteRegistry::reportKeptBaselines);
      message = SuiteMessages.endOfSuite(end.session(), end.decision(), end.report());
      try {
        SuiteReports.write(
            end.report(), message, end.decision().fail(), ending.reportDir(), environment, root);
      } catch (RuntimeException e) {
        reportFailure = e;
      }
    } finally {
      ending.close();
    }
    if (end.decision().fail()) {
      VisualReviewFailedError error =
          new VisualReviewFailedError(
              reportFailure == null
                  ? message
                  : message + "\n" + ConsoleText.defuse(reportFailure.getMessage()));
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
