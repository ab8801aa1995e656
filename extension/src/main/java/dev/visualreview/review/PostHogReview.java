package dev.visualreview.review;

import dev.visualreview.api.ApprovalItem;
import dev.visualreview.api.Artifact;
import dev.visualreview.api.FinalizeRequest;
import dev.visualreview.api.FinalizeResult;
import dev.visualreview.api.Page;
import dev.visualreview.api.RecomputeResult;
import dev.visualreview.api.Run;
import dev.visualreview.api.RunSnapshot;
import dev.visualreview.api.SnapshotHistoryEntry;
import dev.visualreview.api.VisualReviewApiException;
import dev.visualreview.api.VisualReviewClient;
import dev.visualreview.report.ReviewControls.Action;
import dev.visualreview.report.ReviewControls.Kind;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.RunStatus;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.posthog.PostHogBackend;
import dev.visualreview.run.posthog.ServerVerdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reviews a PostHog run: lists its snapshots, accepts chosen ones with {@code approve} (and
 * finalizes the run once no change is left), accepts all with {@code finalize approve_all}, writes
 * the signed baseline PostHog returns into {@code snapshots.yml} (unless PostHog is asked to commit
 * it), offers {@code recompute} while the run is completed and not approved, and serves the run's
 * images and a snapshot's history through this process: the page never talks to PostHog or object
 * storage, and never sees the key or a presigned link.
 */
public final class PostHogReview implements Review {
  private static final int HISTORY_ENTRIES = 20;

  /**
   * How a PostHog review is set up.
   *
   * @param runId the run to review
   * @param baselineFile where the signed baseline PostHog returns is written
   * @param commitToGithub whether PostHog commits the baseline to the PR branch itself (then
   *     nothing is written here)
   * @param purpose the run's purpose as the report recorded it (the server's run does not say)
   * @param tolerateDrift whether observe drift only warns, for the outcome
   * @param sources the test each identifier came from, from the report
   * @param folder the report folder to rewrite after each action, or null
   */
  public record Settings(
      String runId,
      Path baselineFile,
      boolean commitToGithub,
      Purpose purpose,
      boolean tolerateDrift,
      Map<String, String> sources,
      ReportFolder folder) {
    public Settings {
      sources = Map.copyOf(sources);
      purpose = purpose == null ? Purpose.REVIEW : purpose;
    }
  }

  private final VisualReviewClient client;
  private final Settings settings;
  private final Consumer<String> log;
  private final ArtifactLinks links = new ArtifactLinks();
  private Run run;
  private List<RunSnapshot> snapshots = List.of();
  private String repoName;

  /**
   * Reads the run from PostHog.
   *
   * @throws ReviewException when PostHog cannot be asked, naming why
   */
  public PostHogReview(VisualReviewClient client, Settings settings, Consumer<String> log) {
    this.client = client;
    this.settings = settings;
    this.log = log;
    refresh();
    try {
      repoName = client.getRepo(run.repoId()).repoFullName();
    } catch (VisualReviewApiException e) {
      repoName = null; // only shown on the page
    }
  }

  /** Reads the run and its snapshots again (someone may have reviewed on PostHog meanwhile). */
  public synchronized void refresh() {
    try {
      run = client.getRun(settings.runId());
      snapshots = client.listAllRunSnapshots(settings.runId());
    } catch (VisualReviewApiException e) {
      throw explained(e);
    }
    for (RunSnapshot s : snapshots) {
      links.register(s.currentArtifact());
      links.register(s.baselineArtifact());
      links.register(s.diffArtifact());
    }
  }

  @Override
  public synchronized RunOutcome outcome() {
    return outcome(true);
  }

  /** The run as an outcome; with images, their paths are this review's artifact links. */
  private RunOutcome outcome(boolean withImages) {
    List<SnapshotVerdict> verdicts = new ArrayList<>();
    String reviewUrl = client.settings().reviewUrl(settings.runId());
    for (RunSnapshot s : snapshots) {
      Optional<VerdictBuilder> v = ServerVerdicts.of(s, reviewUrl);
      if (v.isEmpty()) {
        continue;
      }
      VerdictBuilder b = v.get().source(settings.sources().getOrDefault(s.identifier(), ""));
      // images of changes only: a large run's unchanged snapshots would be thousands of downloads
      if (withImages && !"unchanged".equals(s.result())) {
        b.baseline(link(s.baselineArtifact()))
            .current(link(s.currentArtifact()))
            .diffImage(link(s.diffArtifact()));
      }
      verdicts.add(b.build());
    }
    RunCounts counts = ServerVerdicts.counts(run.summary());
    RunStatus status = RunStatus.ofServer(run.status());
    return OutcomeRules.decide(
        RunOutcome.builder(Mode.POSTHOG)
            .runId(settings.runId())
            .status(status)
            .errorMessage(run.errorMessage())
            .purpose(settings.purpose())
            .run(run.runType(), run.branch(), run.commitSha())
            .counts(counts)
            .snapshots(verdicts)
            .reviewUrl(reviewUrl),
        settings.tolerateDrift());
  }

  @Override
  public synchronized Map<String, Action> actions() {
    Map<String, Action> out = new LinkedHashMap<>();
    for (RunSnapshot s : snapshots) {
      out.put(s.identifier(), actionOf(s));
    }
    return out;
  }

  private Action actionOf(RunSnapshot s) {
    SnapshotResult result = result(s);
    boolean resolved = "approved".equals(s.reviewState()) || "tolerated".equals(s.reviewState());
    if (result == null || result == SnapshotResult.UNCHANGED || resolved) {
      return Action.none("");
    }
    if (!"completed".equals(run.status())) {
      return Action.none("the run is " + run.status() + " on PostHog: reload when it completed.");
    }
    if (settings.purpose() == Purpose.OBSERVE) {
      return Action.none("observe runs only track changes: PostHog does not approve them.");
    }
    if (run.isStale()) {
      return Action.none(
          "a newer run exists for branch "
              + run.branch()
              + ": review that one (review --run-id "
              + run.supersededById()
              + ").");
    }
    if (run.approved()) {
      return Action.none("the run is already approved.");
    }
    if (s.isQuarantined()) {
      return Action.none("quarantined on PostHog: it does not gate the run.");
    }
    if (result == SnapshotResult.REMOVED) {
      return Action.none(
          "PostHog drops it from the baseline when the run is finalized (once every change is"
              + " accepted).");
    }
    if (s.currentArtifact() == null || s.currentArtifact().contentHash() == null) {
      return Action.none("PostHog holds no image of it (its upload is missing).");
    }
    return Action.accept();
  }

  @Override
  public synchronized List<String> notices() {
    List<String> out = new ArrayList<>();
    out.add(
        "Run "
            + settings.runId()
            + (repoName == null ? "" : " of " + repoName)
            + " on "
            + client.settings().host()
            + ", branch "
            + run.branch()
            + ".");
    out.add(
        "Accept approves a snapshot on PostHog; once no change is left, the run is finalized and "
            + (settings.commitToGithub()
                ? "PostHog commits the new baseline to the pull request's branch."
                : "the signed baseline PostHog returns is written to "
                    + settings.baselineFile()
                    + ": commit it (PostHog neither commits it nor turns its check green;"
                    + " --commit-to-github asks it to)."));
    if (!run.finished()) {
      out.add("The run is still " + run.status() + " on PostHog: reload this page later.");
    }
    return out;
  }

  @Override
  public synchronized boolean recomputeOffered() {
    return "completed".equals(run.status()) && !run.approved();
  }

  @Override
  public boolean historyOffered() {
    return true;
  }

  @Override
  public synchronized ReviewResult accept(List<String> identifiers) {
    List<RunSnapshot> chosen = choose(identifiers);
    List<String> lines = new ArrayList<>();
    List<ApprovalItem> items = new ArrayList<>();
    for (RunSnapshot s : chosen) {
      if ("approved".equals(s.reviewState()) || "tolerated".equals(s.reviewState())) {
        lines.add(s.identifier() + " was already accepted.");
      } else {
        items.add(new ApprovalItem(s.identifier(), s.currentArtifact().contentHash()));
      }
    }
    if (!items.isEmpty()) {
      try {
        client.approve(settings.runId(), items);
      } catch (VisualReviewApiException e) {
        throw explained(e);
      }
      items.forEach(i -> lines.add("approved " + i.identifier() + " on PostHog"));
      refresh();
    }
    if (finishable()) {
      lines.add("no change is left to review: finalizing the run");
      lines.addAll(finalizeRun(false));
    }
    return done(lines);
  }

  @Override
  public synchronized ReviewResult acceptAll() {
    if (actions().values().stream().anyMatch(a -> a.kind() == Kind.ACCEPT)) {
      return done(new ArrayList<>(finalizeRun(true)));
    }
    if (finishable()) {
      return done(new ArrayList<>(finalizeRun(false)));
    }
    return done(List.of("Nothing to accept."));
  }

  /**
   * Whether every change is approved but the run is not finalized yet (e.g. a finalize that failed
   * earlier), so finalizing now writes the baseline.
   */
  private boolean finishable() {
    boolean changes =
        snapshots.stream()
            .anyMatch(s -> !s.isQuarantined() && result(s) != SnapshotResult.UNCHANGED);
    return changes
        && "completed".equals(run.status())
        && !run.approved()
        && !run.isStale()
        && settings.purpose() == Purpose.REVIEW
        && pendingChanges() == 0;
  }

  @Override
  public ReviewResult prune(List<String> identifiers) {
    throw ReviewException.badInput(
        "removed snapshots of a PostHog run leave the baseline when the run is finalized: accept"
            + " its changes (or --accept-all) instead.");
  }

  @Override
  public synchronized ReviewResult recompute() {
    if (!recomputeOffered()) {
      throw ReviewException.badInput(
          "recompute applies to a completed run that is not yet approved; this run is "
              + (run.approved() ? "approved" : run.status())
              + ".");
    }
    RecomputeResult r;
    try {
      r = client.recompute(settings.runId());
    } catch (VisualReviewApiException e) {
      throw explained(e);
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "PostHog recomputed the run: "
            + r.unresolved()
            + " snapshot(s) still need review"
            + (r.countsChanged() ? " (its counts changed)" : ""));
    if (r.ciRerunTriggered()) {
      lines.add("PostHog re-ran the CI job of this run.");
    } else if (r.ciRerunError() != null && !r.ciRerunError().isBlank()) {
      lines.add("The CI job was not re-run: " + r.ciRerunError());
    }
    refresh();
    return done(lines);
  }

  @Override
  public synchronized List<Map<String, Object>> history(String identifier) {
    if (snapshots.stream().noneMatch(s -> s.identifier().equals(identifier))) {
      throw ReviewException.badInput(
          "no snapshot '"
              + identifier
              + "' in this run"
              + CloseMatches.suggestion(
                  identifier, snapshots.stream().map(RunSnapshot::identifier).toList()));
    }
    Page<SnapshotHistoryEntry> page;
    try {
      page = client.snapshotHistory(run.repoId(), run.runType(), identifier, HISTORY_ENTRIES, 0);
    } catch (VisualReviewApiException e) {
      throw explained(e);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (SnapshotHistoryEntry e : page.results()) {
      links.register(e.currentArtifact());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", e.runId());
      m.put("created_at", e.createdAt());
      m.put("branch", e.branch());
      m.put("commit", e.commitSha() == null ? null : abbreviate(e.commitSha(), 10));
      m.put("pr_number", e.prNumber());
      m.put("result", e.result());
      m.put("review_state", e.reviewState());
      m.put(
          "diff",
          e.diffPercentage() == null
              ? null
              : String.format(Locale.ROOT, "%.2f%% diff", e.diffPercentage()));
      m.put("image", link(e.currentArtifact()));
      out.add(m);
    }
    return out;
  }

  @Override
  public Optional<byte[]> image(String path) {
    return links.image(path, client::download, this::refresh);
  }

  // ---- internals

  private List<RunSnapshot> choose(List<String> identifiers) {
    if (identifiers == null || identifiers.isEmpty()) {
      throw ReviewException.badInput("name at least one snapshot");
    }
    Map<String, RunSnapshot> byId = new LinkedHashMap<>();
    snapshots.forEach(s -> byId.put(s.identifier(), s));
    List<String> problems = new ArrayList<>();
    List<RunSnapshot> chosen = new ArrayList<>();
    for (String id : new LinkedHashSet<>(identifiers)) {
      RunSnapshot s = byId.get(id);
      if (s == null) {
        problems.add(
            "no snapshot '" + id + "' in this run" + CloseMatches.suggestion(id, byId.keySet()));
        continue;
      }
      boolean resolved = "approved".equals(s.reviewState()) || "tolerated".equals(s.reviewState());
      Action a = actionOf(s);
      if (resolved && result(s) != SnapshotResult.UNCHANGED) {
        chosen.add(s);
      } else if (a.kind() != Kind.ACCEPT) {
        problems.add(
            id
                + ": "
                + (result(s) == SnapshotResult.UNCHANGED
                    ? "it is unchanged: there is nothing to accept."
                    : a.reason().isEmpty() ? "it cannot be accepted here." : a.reason()));
      } else {
        chosen.add(s);
      }
    }
    if (!problems.isEmpty()) {
      throw ReviewException.badInput(String.join("\n", problems) + "\nNothing was changed.");
    }
    return chosen;
  }

  /** Changed and new snapshots that gate the run and are neither approved nor tolerated. */
  private long pendingChanges() {
    return snapshots.stream()
        .filter(s -> !s.isQuarantined())
        .filter(s -> result(s) == SnapshotResult.CHANGED || result(s) == SnapshotResult.NEW)
        .filter(s -> !"approved".equals(s.reviewState()) && !"tolerated".equals(s.reviewState()))
        .count();
  }

  private List<String> finalizeRun(boolean approveAll) {
    FinalizeResult result;
    try {
      if (settings.commitToGithub()) {
        result = client.finalizeRun(settings.runId(), new FinalizeRequest(approveAll, true, false));
      } else if (approveAll) {
        result = client.finalizeOrAutoApprove(settings.runId());
      } else {
        result = client.finalizeRun(settings.runId(), new FinalizeRequest(false, false, false));
      }
    } catch (VisualReviewApiException e) {
      throw explained(e);
    }
    List<String> lines = new ArrayList<>();
    lines.add("PostHog finalized run " + settings.runId());
    if (!result.baselineContent().isEmpty()) {
      int bytes;
      try {
        bytes = PostHogBackend.writeBaseline(settings.baselineFile(), result.baselineContent());
      } catch (RuntimeException e) {
        throw new ReviewException(
            ReviewException.Kind.FAILED,
            "PostHog finalized the run, but its baseline could not be written: "
                + e.getMessage()
                + ". Run the review again to fetch it (finalize answers again for an approved"
                + " run).",
            e);
      }
      lines.add(
          "baseline written to "
              + settings.baselineFile()
              + " ("
              + bytes
              + " bytes): commit it to update the baseline");
    } else if (settings.commitToGithub()) {
      Object sha = result.run() == null ? null : result.run().metadata().get("baseline_commit_sha");
      lines.add(
          "PostHog committed the new baseline to branch "
              + run.branch()
              + (sha == null ? "" : " (commit " + abbreviate(sha.toString(), 12) + ")"));
    } else {
      lines.add("PostHog returned no baseline to write (it had nothing to change).");
    }
    refresh();
    return lines;
  }

  private ReviewResult done(List<String> lines) {
    lines.forEach(log);
    RunOutcome o = outcome(false);
    if (settings.folder() != null) {
      settings.folder().write(o);
    }
    return new ReviewResult(lines, o.counts().unresolved());
  }

  /** A PostHog refusal in words that say what to do. */
  private ReviewException explained(VisualReviewApiException e) {
    return PostHogRefusals.explain(
        e,
        settings.runId(),
        () -> {
          try {
            return client.getRun(settings.runId()).supersededById();
          } catch (VisualReviewApiException ignored) {
            return null; // the message still says what happened
          }
        });
  }

  private static SnapshotResult result(RunSnapshot s) {
    try {
      return SnapshotResult.fromWire(s.result());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String link(Artifact a) {
    return links.link(a);
  }

  private static String abbreviate(String s, int n) {
    return s.length() > n ? s.substring(0, n) : s;
  }

  @Override
  public String toString() {
    return "PostHogReview[run " + settings.runId() + " on " + client.settings().host() + "]";
  }
}
