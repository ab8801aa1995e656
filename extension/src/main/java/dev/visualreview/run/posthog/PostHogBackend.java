package dev.visualreview.run.posthog;

import dev.visualreview.api.AddSnapshotsRequest;
import dev.visualreview.api.AddSnapshotsResponse;
import dev.visualreview.api.ApiSettings;
import dev.visualreview.api.CreateRunRequest;
import dev.visualreview.api.CreateRunResponse;
import dev.visualreview.api.FinalizeResult;
import dev.visualreview.api.ManifestItem;
import dev.visualreview.api.Run;
import dev.visualreview.api.RunSnapshot;
import dev.visualreview.api.RunSummary;
import dev.visualreview.api.UploadFile;
import dev.visualreview.api.VisualReviewApiException;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.run.Backend;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reports a suite to PostHog Visual Review: {@link #open()} creates the run with no snapshots (or
 * joins an existing one), each {@link #addShard} sends add-snapshots and the uploads it asks for
 * (shards may arrive concurrently), and {@link #complete()} completes the run, waits for the
 * server's verdict and judges it with {@link OutcomeRules}. With auto-approve it finalizes the run
 * ({@code approve_all}, no GitHub commit) and writes the returned baseline to the baseline file.
 */
public final class PostHogBackend implements Backend {
  private static final System.Logger LOGGER = System.getLogger("dev.visualreview.run.posthog");
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  /**
   * Everything the backend needs.
   *
   * @param api host, project, key, timeouts, polling
   * @param repoId the Visual Review repo UUID (may be empty when joining a run)
   * @param runType e.g. {@code playwright}
   * @param purpose {@code review} or {@code observe} (auto-approve forces review)
   * @param branch the branch under test (PR head ref)
   * @param commitSha the commit under test (PR head SHA)
   * @param prNumber the PR number, or null
   * @param partial only a subset of snapshots was rendered
   * @param metadata run metadata ({@code github_run_id}, {@code github_check_run_id}, ...)
   * @param checkRunId the completing job's check-run id (sent on complete), or null
   * @param tolerateDrift observe drift warns instead of failing
   * @param autoApprove approve every change and write the new baseline to {@code baselineFile}
   * @param baselineFile the snapshots.yml the auto-approved baseline is written to
   * @param joinRunId an existing run to add shards to; completion is then left to {@code run
   *     complete}
   * @param onUnreachable what to do when PostHog cannot be reached
   */
  public record Settings(
      ApiSettings api,
      String repoId,
      String runType,
      String purpose,
      String branch,
      String commitSha,
      Integer prNumber,
      boolean partial,
      Map<String, Object> metadata,
      String checkRunId,
      boolean tolerateDrift,
      boolean autoApprove,
      Path baselineFile,
      String joinRunId,
      FailurePolicy onUnreachable) {

    public Settings {
      Objects.requireNonNull(api, "api settings");
      joinRunId = joinRunId == null || joinRunId.isBlank() ? null : joinRunId.trim();
      if ((repoId == null || repoId.isBlank()) && joinRunId == null) {
        throw new IllegalArgumentException(
            "Repo ID required: set visualreview.posthog.repoId (--repo) or config.repo in"
                + " snapshots.yml to the Visual Review repo's UUID");
      }
      repoId = repoId == null ? "" : repoId.trim();
      if (!repoId.isEmpty() && !UUID.matcher(repoId).matches()) {
        throw new IllegalArgumentException(
            "the Visual Review repo id must be a UUID (PostHog > Visual Review > settings), got '"
                + repoId
                + "'");
      }
      if (runType == null || runType.isBlank()) {
        throw new IllegalArgumentException("the run type is empty: use e.g. playwright");
      }
      purpose = purpose == null || purpose.isBlank() ? "review" : purpose.trim();
      if (!purpose.equals("review") && !purpose.equals("observe")) {
        throw new IllegalArgumentException(
            "unknown purpose '" + purpose + "': expected review or observe");
      }
      if (autoApprove) {
        purpose = "review";
        if (baselineFile == null) {
          throw new IllegalArgumentException(
              "auto-approve writes the approved baseline to the baseline file: set the baseline"
                  + " file path (visualreview.baselineFile or --baseline)");
        }
      }
      branch = branch == null || branch.isBlank() ? "unknown" : branch.trim();
      commitSha = commitSha == null || commitSha.isBlank() ? "unknown" : commitSha.trim();
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
      if ((checkRunId == null || checkRunId.isBlank())
          && metadata.get("github_check_run_id") != null) {
        checkRunId = String.valueOf(metadata.get("github_check_run_id"));
      }
      onUnreachable = onUnreachable == null ? FailurePolicy.FAIL : onUnreachable;
    }
  }

  private final Settings settings;
  private final VisualReviewClient client;
  private final Consumer<String> log;
  private final Map<String, String> sources = new ConcurrentHashMap<>();
  private final AtomicInteger shards = new AtomicInteger();
  private final AtomicInteger snapshotsSent = new AtomicInteger();
  private volatile String runId;
  private volatile boolean joined;
  private volatile String unreachable;

  /** A backend with its own client, logging through {@code System.Logger}. */
  public PostHogBackend(Settings settings) {
    this(
        settings,
        new VisualReviewClient(settings.api()),
        message -> LOGGER.log(System.Logger.Level.INFO, message));
  }

  /** A backend on a given client (tests, the command line) with its own log sink. */
  public PostHogBackend(Settings settings, VisualReviewClient client, Consumer<String> log) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = Objects.requireNonNull(client, "client");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** The run id, once open. */
  public String runId() {
    return runId;
  }

  @Override
  public void open() {
    guarded(
        () -> {
          if (settings.joinRunId() != null) {
            Run run = client.getRun(settings.joinRunId());
            if (!run.status().equals("pending")) {
              throw new IllegalStateException(
                  "run "
                      + run.id()
                      + " is already '"
                      + run.status()
                      + "': shards can only be added"
                      + " while a run is pending. Create a new run with `java -jar visual-review.jar"
                      + " run create` and pass its id.");
            }
            runId = run.id();
            joined = true;
            log.accept("Joining run " + runId + " (completion is left to `run complete`)");
            return;
          }
          log.accept(
              "Creating run: type="
                  + settings.runType()
                  + ", branch="
                  + settings.branch()
                  + ", commit="
                  + shortSha(settings.commitSha())
                  + ", purpose="
                  + settings.purpose());
          CreateRunResponse created =
              client.createRun(
                  new CreateRunRequest(
                      settings.repoId(),
                      settings.runType(),
                      settings.commitSha(),
                      settings.branch(),
                      settings.prNumber(),
                      settings.purpose(),
                      settings.metadata(),
                      settings.partial(),
                      List.of()));
          runId = created.runId();
          log.accept("Run created: " + runId);
        });
  }

  @Override
  public List<SnapshotVerdict> judgeNow(List<Snapshot> snapshots) {
    return List.of();
  }

  @Override
  public void addShard(Shard shard) {
    if (unreachable != null) {
      return;
    }
    requireOpen();
    List<ManifestItem> items = new ArrayList<>();
    List<UploadFile> files = new ArrayList<>();
    for (Snapshot s : shard.snapshots()) {
      String source = s.source().isEmpty() ? shard.name() : s.source();
      String earlier = sources.putIfAbsent(s.identifier(), source);
      if (earlier != null) {
        log.accept(
            "Warning: snapshot '"
                + s.identifier()
                + "' from "
                + source
                + " was already sent by "
                + earlier
                + "; PostHog keeps the first. Give it a distinct name.");
        continue;
      }
      items.add(
          new ManifestItem(
              s.identifier(),
              s.contentHash(),
              positive(s.width()),
              positive(s.height()),
              s.metadata()));
      files.add(new UploadFile(s.contentHash(), s.png(), s.identifier()));
    }
    if (items.isEmpty()) {
      return;
    }
    guarded(
        () -> {
          AddSnapshotsResponse added = client.addSnapshots(runId, new AddSnapshotsRequest(items));
          int uploaded = client.upload(added.uploads(), files);
          shards.incrementAndGet();
          snapshotsSent.addAndGet(items.size());
          log.accept(
              "["
                  + shard.name()
                  + "] Registered "
                  + added.added()
                  + " snapshot(s), "
                  + added.uploads().size()
                  + " upload(s) needed; uploaded "
                  + uploaded
                  + " artifact(s)");
        });
  }

  @Override
  public RunOutcome complete() {
    if (unreachable != null) {
      return skipped();
    }
    requireOpen();
    if (joined) {
      return new RunOutcome(
          "posthog",
          runId,
          "pending",
          settings.purpose(),
          settings.runType(),
          settings.branch(),
          settings.commitSha(),
          new RunCounts(0, 0, 0, 0, 0, 0),
          List.of(),
          settings.api().reviewUrl(runId),
          null,
          Verdict.PASS,
          0,
          "Added "
              + snapshotsSent.get()
              + " snapshot(s) in "
              + shards.get()
              + " shard(s) to run "
              + runId
              + "; completion is left to `java -jar visual-review.jar run complete"
              + " --run-id "
              + runId
              + "`");
    }
    RunOutcome[] result = new RunOutcome[1];
    guarded(() -> result[0] = completeAndJudge(runId));
    return result[0] != null ? result[0] : skipped();
  }

  /**
   * Completes a run (created here or elsewhere), waits for it, and judges it; with auto-approve,
   * finalizes it and writes the baseline. Used by {@code run complete} too.
   */
  public RunOutcome completeAndJudge(String id) {
    log.accept("Completing run " + id);
    Run run = client.completeRun(id, settings.checkRunId());
    log.accept("Run status after complete: " + run.status());
    if (!run.finished()) {
      log.accept("Waiting for diff processing...");
      run = client.waitForCompletion(id);
    } else {
      run = client.getRun(id); // only the detail GET computes `unresolved`
    }
    RunSummary s = run.summary();
    RunCounts counts =
        new RunCounts(
            s.total(),
            s.unchanged(),
            s.changed(),
            s.added(),
            s.removed(),
            s.unresolved() == null ? s.changes() : s.unresolved());
    log.accept("Run complete: " + OutcomeRules.countsLine(counts));

    String listingProblem = null;
    List<SnapshotVerdict> verdicts = List.of();
    try {
      verdicts = verdicts(id, client.listAllRunSnapshots(id));
    } catch (VisualReviewApiException e) {
      listingProblem = "Could not list changed snapshots: " + e.getMessage();
      log.accept(listingProblem);
    }
    if (settings.autoApprove() && run.status().equals("completed") && counts.changes() > 0) {
      return autoApprove(id, counts);
    }
    RunOutcome outcome =
        OutcomeRules.decide(
            new OutcomeRules.Input(
                "posthog",
                id,
                run.status(),
                run.errorMessage(),
                settings.purpose(),
                settings.runType(),
                run.branch() == null ? settings.branch() : run.branch(),
                run.commitSha() == null ? settings.commitSha() : run.commitSha(),
                counts,
                settings.tolerateDrift(),
                verdicts,
                settings.api().reviewUrl(id)));
    if (listingProblem != null) {
      outcome = outcome.withSummary(outcome.summary() + "\n" + listingProblem);
    }
    return outcome;
  }

  private RunOutcome autoApprove(String id, RunCounts counts) {
    log.accept("Auto-approving all changes...");
    FinalizeResult result = client.finalizeOrAutoApprove(id);
    Path target = settings.baselineFile();
    int bytes = writeBaseline(target, result.baselineContent());
    log.accept("Baseline written to " + target + " (" + bytes + " bytes)");
    List<SnapshotVerdict> verdicts;
    try {
      verdicts = verdicts(id, client.listAllRunSnapshots(id));
    } catch (VisualReviewApiException e) {
      verdicts = List.of();
    }
    return new RunOutcome(
        "posthog",
        id,
        result.run() == null ? "completed" : result.run().status(),
        settings.purpose(),
        settings.runType(),
        settings.branch(),
        settings.commitSha(),
        counts,
        verdicts,
        settings.api().reviewUrl(id),
        null,
        Verdict.PASS,
        0,
        "Auto-approved "
            + counts.changes()
            + " change(s) in run "
            + id
            + "; baseline written to "
            + target
            + " ("
            + bytes
            + " bytes): commit it to update the baseline");
  }

  static int writeBaseline(Path target, String content) {
    if (content == null || content.isEmpty()) {
      throw new IllegalStateException(
          "PostHog returned no baseline content to write to "
              + target
              + " (the server committed it itself?)");
    }
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      AtomicFiles.write(target, bytes);
      return bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the approved baseline to " + target + ": " + e.getMessage(), e);
    }
  }

  private List<SnapshotVerdict> verdicts(String id, List<RunSnapshot> snapshots) {
    List<SnapshotVerdict> out = new ArrayList<>();
    for (RunSnapshot s : snapshots) {
      SnapshotResult result;
      try {
        result = SnapshotResult.fromWire(s.result());
      } catch (IllegalArgumentException e) {
        log.accept("Warning: skipping snapshot '" + s.identifier() + "': " + e.getMessage());
        continue;
      }
      out.add(
          new SnapshotVerdict(
              s.identifier(),
              result,
              s.classificationReason(),
              s.changeKind(),
              s.diffPercentage(),
              s.diffPixelCount(),
              s.ssimScore(),
              s.sizeMismatch(),
              null,
              sources.getOrDefault(s.identifier(), ""),
              null,
              null,
              null,
              settings.api().reviewUrl(id) + (s.id() == null ? "" : "?snapshot=" + s.id()),
              "",
              s.isQuarantined(),
              s.reviewState()));
    }
    return out;
  }

  private RunOutcome skipped() {
    return new RunOutcome(
        "posthog",
        runId == null ? "" : runId,
        "skipped",
        settings.purpose(),
        settings.runType(),
        settings.branch(),
        settings.commitSha(),
        new RunCounts(0, 0, 0, 0, 0, 0),
        List.of(),
        runId == null ? "" : settings.api().reviewUrl(runId),
        unreachable,
        Verdict.WARN,
        0,
        "PostHog Visual Review could not be reached, so this suite's screenshots were not reviewed"
            + " (failure policy 'warn'): "
            + unreachable);
  }

  /** Runs a step; with the warn policy an unreachable service turns the backend off instead. */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (VisualReviewApiException e) {
      if (settings.onUnreachable() == FailurePolicy.WARN && e.serviceUnreachable()) {
        unreachable = e.getMessage();
        log.accept(
            "Warning: "
                + e.getMessage()
                + " — continuing without visual review (failure"
                + " policy 'warn')");
        return;
      }
      throw e;
    }
  }

  private void requireOpen() {
    if (runId == null) {
      throw new IllegalStateException("the PostHog backend was used before open()");
    }
  }

  private static Integer positive(int value) {
    return value > 0 ? value : null;
  }

  private static String shortSha(String sha) {
    return sha.length() > 10 ? sha.substring(0, 10) : sha;
  }

  @Override
  public void close() {
    // the HTTP client holds no resources that need closing on Java 17
  }

  @Override
  public String toString() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("host", settings.api().host());
    d.put("project", settings.api().projectId());
    d.put("repo", settings.repoId());
    d.put("run", runId);
    return "PostHogBackend" + d;
  }
}
