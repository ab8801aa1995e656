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
import dev.visualreview.report.OutcomeText;
import dev.visualreview.run.Backend;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.RunStatus;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.OnUnreachable;
import dev.visualreview.run.config.Purpose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
   * Everything the backend needs. Build it with {@link #builder}.
   *
   * @param api host, project, key, timeouts, polling
   * @param repoId the Visual Review repo UUID (may be empty when joining a run)
   * @param runType e.g. {@code playwright}
   * @param purpose review or observe (auto-approve forces review)
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
      Purpose purpose,
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
      OnUnreachable onUnreachable) {

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
      purpose = purpose == null ? Purpose.REVIEW : purpose;
      if (autoApprove) {
        purpose = Purpose.REVIEW;
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
      onUnreachable = onUnreachable == null ? OnUnreachable.FAIL : onUnreachable;
    }

    /** A builder for a new run of type {@code junit}, purpose review, failing when unreachable. */
    public static Builder builder(ApiSettings api) {
      return new Builder(api);
    }

    /** Builds {@link Settings}; every value not set keeps the default named in the setter. */
    public static final class Builder {
      private ApiSettings api;
      private String repoId;
      private String runType = "junit";
      private Purpose purpose = Purpose.REVIEW;
      private String branch;
      private String commitSha;
      private Integer prNumber;
      private boolean partial;
      private Map<String, Object> metadata = Map.of();
      private String checkRunId;
      private boolean tolerateDrift;
      private boolean autoApprove;
      private Path baselineFile;
      private String joinRunId;
      private OnUnreachable onUnreachable = OnUnreachable.FAIL;

      private Builder(ApiSettings api) {
        this.api = api;
      }

      /** Host, project, key and polling. */
      public Builder api(ApiSettings value) {
        this.api = value;
        return this;
      }

      /** The Visual Review repo (UUID); not needed when joining a run. */
      public Builder repoId(String value) {
        this.repoId = value;
        return this;
      }

      /** The run type (default {@code junit}). */
      public Builder runType(String value) {
        this.runType = value;
        return this;
      }

      /** Review (default) or observe. */
      public Builder purpose(Purpose value) {
        this.purpose = value;
        return this;
      }

      /** Branch, commit and PR number (or null) under test. */
      public Builder revision(String onBranch, String commit, Integer pr) {
        this.branch = onBranch;
        this.commitSha = commit;
        this.prNumber = pr;
        return this;
      }

      /** Whether only a subset of the snapshots is rendered (default false). */
      public Builder partial(boolean value) {
        this.partial = value;
        return this;
      }

      /** Run metadata (default none). */
      public Builder metadata(Map<String, Object> value) {
        this.metadata = value;
        return this;
      }

      /** The completing job's check-run id (default: from the metadata). */
      public Builder checkRunId(String value) {
        this.checkRunId = value;
        return this;
      }

      /** Whether observe drift only warns (default false). */
      public Builder tolerateDrift(boolean value) {
        this.tolerateDrift = value;
        return this;
      }

      /** Whether to approve every change and write the baseline file (default false). */
      public Builder autoApprove(boolean value) {
        this.autoApprove = value;
        return this;
      }

      /** The snapshots.yml an auto-approved baseline is written to. */
      public Builder baselineFile(Path value) {
        this.baselineFile = value;
        return this;
      }

      /** A run to join instead of creating one (shard mode), or null. */
      public Builder joinRunId(String value) {
        this.joinRunId = value;
        return this;
      }

      /** What to do when PostHog cannot be reached (default fail). */
      public Builder onUnreachable(OnUnreachable value) {
        this.onUnreachable = value;
        return this;
      }

      public Settings build() {
        return new Settings(
            api,
            repoId,
            runType,
            purpose,
            branch,
            commitSha,
            prNumber,
            partial,
            metadata,
            checkRunId,
            tolerateDrift,
            autoApprove,
            baselineFile,
            joinRunId,
            onUnreachable);
      }
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
                  + settings.purpose().wire());
          CreateRunResponse created =
              client.createRun(
                  new CreateRunRequest(
                      settings.repoId(),
                      settings.runType(),
                      settings.commitSha(),
                      settings.branch(),
                      settings.prNumber(),
                      settings.purpose().wire(),
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
      return outcome(runId)
          .status(RunStatus.PENDING)
          .conclusion(new Conclusion.ShardAdded(snapshotsSent.get(), shards.get()))
          .build();
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
    log.accept("Run complete: " + OutcomeText.countsLine(counts));

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
    RunOutcome.Builder facts =
        outcome(id)
            .status(RunStatus.ofServer(run.status()))
            .errorMessage(run.errorMessage())
            .run(
                settings.runType(),
                run.branch() == null ? settings.branch() : run.branch(),
                run.commitSha() == null ? settings.commitSha() : run.commitSha())
            .counts(counts)
            .snapshots(verdicts);
    if (listingProblem != null) {
      facts.problem(listingProblem);
    }
    return OutcomeRules.decide(facts, settings.tolerateDrift());
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
    return outcome(id)
        .status(
            result.run() == null ? RunStatus.COMPLETED : RunStatus.ofServer(result.run().status()))
        .counts(counts)
        .snapshots(verdicts)
        .conclusion(new Conclusion.AutoApproved(counts.changes(), target, bytes))
        .build();
  }

  /** An outcome of run {@code id} with this backend's settings: pass, until told otherwise. */
  private RunOutcome.Builder outcome(String id) {
    return RunOutcome.builder(Mode.POSTHOG)
        .runId(id)
        .purpose(settings.purpose())
        .run(settings.runType(), settings.branch(), settings.commitSha())
        .reviewUrl(id == null ? "" : settings.api().reviewUrl(id));
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
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temp = Files.createTempFile(parent, ".snapshots", ".yml.tmp");
      Files.write(temp, bytes);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
          VerdictBuilder.verdict(s.identifier(), result)
              .reason(ClassificationReason.fromWire(s.classificationReason()))
              .kind(ChangeKind.fromWire(s.changeKind()))
              .diff(s.diffPercentage(), s.diffPixelCount())
              .ssim(s.ssimScore())
              .sizeMismatch(s.sizeMismatch())
              .source(sources.getOrDefault(s.identifier(), ""))
              .reviewUrl(
                  settings.api().reviewUrl(id) + (s.id() == null ? "" : "?snapshot=" + s.id()))
              .quarantined(s.isQuarantined())
              .reviewState(ReviewState.fromWire(s.reviewState()))
              .build());
    }
    return out;
  }

  private RunOutcome skipped() {
    return outcome(runId)
        .runId(runId == null ? "" : runId)
        .status(RunStatus.SKIPPED)
        .errorMessage(unreachable)
        .verdict(Verdict.WARN, 0)
        .conclusion(new Conclusion.NotReviewed(unreachable))
        .build();
  }

  /** Runs a step; with the warn policy an unreachable service turns the backend off instead. */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (VisualReviewApiException e) {
      if (settings.onUnreachable() == OnUnreachable.WARN && e.serviceUnreachable()) {
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
