package dev.visualreview.review;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.image.ContentHash;
import dev.visualreview.image.InvalidImageException;
import dev.visualreview.report.ReviewControls.Action;
import dev.visualreview.report.ReviewControls.Kind;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reviews a local run: accepting a change writes the image the run kept ({@code
 * images/<id>/current.png}) as the baseline the next run compares against; deleting the baseline of
 * a removed snapshot is offered only after a run of the whole suite. Snapshots whose baseline
 * {@code snapshots.yml} pins cannot be accepted here (its entries are signed by PostHog). After
 * each action {@code result.json} and {@code index.html} are rewritten to show it.
 *
 * <p>A baseline that changed since the run (another run, an edit) is never overwritten: the
 * baseline file must still hold the image the report shows as the baseline, or none.
 */
public final class LocalReview implements Review {
  private final ReportFolder folder;
  private final LocalBaselines baselines;
  private final BaselineFile yml;
  private final Optional<Boolean> partial;
  private final boolean tolerateDrift;
  private final Consumer<String> log;
  private RunOutcome outcome;

  /**
   * @param folder the report folder the run wrote
   * @param run the run read from it
   * @param baselineDir the committed baseline images ({@code visualreview.baselineDir})
   * @param yml the PostHog {@code snapshots.yml} (absent when there is none)
   * @param log where each action is reported as it happens
   */
  public LocalReview(
      ReportFolder folder,
      ReportFolder.LastRun run,
      Path baselineDir,
      BaselineFile yml,
      Consumer<String> log) {
    this.folder = folder;
    this.baselines = new LocalBaselines(baselineDir, null);
    this.yml = yml;
    this.partial = run.partial();
    this.tolerateDrift = run.tolerateDrift();
    this.log = log;
    this.outcome = run.outcome();
  }

  @Override
  public synchronized RunOutcome outcome() {
    return outcome;
  }

  @Override
  public synchronized Map<String, Action> actions() {
    Map<String, Action> out = new LinkedHashMap<>();
    for (SnapshotVerdict v : outcome.snapshots()) {
      out.put(v.identifier(), actionOf(v));
    }
    return out;
  }

  @Override
  public List<String> notices() {
    return List.of(
        "Accepting writes the run's image to "
            + baselines.directory()
            + " (the baseline the next run compares against): commit it with your change.");
  }

  private Action actionOf(SnapshotVerdict v) {
    String id = v.identifier();
    if (v.result() == SnapshotResult.UNCHANGED || v.quarantined() || v.reviewState().resolved()) {
      return Action.none("");
    }
    if (v.result() == SnapshotResult.REMOVED) {
      return pruneAction(v);
    }
    if (yml.contains(id)) {
      return Action.none(
          "snapshots.yml (owned by PostHog) pins this baseline, so the change cannot be accepted"
              + " here: approve it on PostHog.");
    }
    if (folder.image(v.currentImage()).isEmpty()) {
      return Action.none("the run kept no image of it: run the tests again to review it.");
    }
    if (baselineFile(id).isEmpty()) {
      return Action.none("its identifier cannot name a baseline file.");
    }
    return Action.accept();
  }

  private Action pruneAction(SnapshotVerdict v) {
    String id = v.identifier();
    if (yml.contains(id)) {
      return Action.none(
          "snapshots.yml lists it; PostHog drops the entry when a run without it is approved.");
    }
    Optional<Path> file = baselineFile(id).filter(Files::isRegularFile);
    if (file.isEmpty()) {
      return Action.none("no baseline image of it is left to delete.");
    }
    if (partial.isEmpty()) {
      return Action.none(
          "this report does not say whether the whole suite ran, so its baseline is kept: delete "
              + file.get()
              + " yourself if no test uses it.");
    }
    if (partial.get()) {
      return Action.none(
          "this run covered only part of the suite: run the whole suite to confirm no test uses"
              + " this baseline, then delete it.");
    }
    return Action.prune();
  }

  private Optional<Path> baselineFile(String identifier) {
    try {
      return Optional.of(baselines.pathFor(identifier));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized ReviewResult accept(List<String> identifiers) {
    List<SnapshotVerdict> chosen = choose(identifiers, Kind.ACCEPT);
    return apply(chosen, this::acceptOne);
  }

  @Override
  public synchronized ReviewResult acceptAll() {
    List<String> ids = new ArrayList<>();
    actions()
        .forEach(
            (id, a) -> {
              if (a.kind() == Kind.ACCEPT) {
                ids.add(id);
              }
            });
    if (ids.isEmpty()) {
      return new ReviewResult(List.of("Nothing to accept."), outcome.counts().unresolved());
    }
    return accept(ids);
  }

  @Override
  public synchronized ReviewResult prune(List<String> identifiers) {
    List<SnapshotVerdict> chosen = choose(identifiers, Kind.PRUNE);
    return apply(chosen, this::pruneOne);
  }

  @Override
  public Optional<byte[]> image(String path) {
    return folder.readImage(path);
  }

  /**
   * The verdicts for these identifiers, checked before anything is written: every one must be known
   * and allow {@code kind} (already accepted ones are skipped). Otherwise nothing is done and the
   * message names each problem.
   */
  private List<SnapshotVerdict> choose(List<String> identifiers, Kind kind) {
    if (identifiers == null || identifiers.isEmpty()) {
      throw ReviewException.badInput("name at least one snapshot");
    }
    Map<String, SnapshotVerdict> byId = new LinkedHashMap<>();
    outcome.snapshots().forEach(v -> byId.put(v.identifier(), v));
    List<String> problems = new ArrayList<>();
    List<SnapshotVerdict> chosen = new ArrayList<>();
    for (String id : new LinkedHashSet<>(identifiers)) {
      SnapshotVerdict v = byId.get(id);
      if (v == null) {
        problems.add(
            "no snapshot '" + id + "' in this run" + CloseMatches.suggestion(id, byId.keySet()));
        continue;
      }
      if (v.reviewState().resolved() && v.result() != SnapshotResult.UNCHANGED) {
        chosen.add(v); // already accepted: reported, not redone
        continue;
      }
      Action a = actionOf(v);
      if (a.kind() != kind) {
        problems.add(id + ": " + whyNot(v, a, kind));
        continue;
      }
      chosen.add(v);
    }
    if (!problems.isEmpty()) {
      throw ReviewException.badInput(String.join("\n", problems) + "\nNothing was changed.");
    }
    return chosen;
  }

  private static String whyNot(SnapshotVerdict v, Action a, Kind wanted) {
    if (v.result() == SnapshotResult.UNCHANGED) {
      return "it is unchanged: there is nothing to accept.";
    }
    if (wanted == Kind.ACCEPT && a.kind() == Kind.PRUNE) {
      return "it was removed: delete its baseline with --prune instead.";
    }
    if (wanted == Kind.PRUNE && v.result() != SnapshotResult.REMOVED) {
      return "it is " + v.result().wire() + ", not removed: accept it with --accept instead.";
    }
    return a.reason().isEmpty() ? "it cannot be " + verb(wanted) + " here." : a.reason();
  }

  private static String verb(Kind k) {
    return k == Kind.ACCEPT ? "accepted" : "deleted";
  }

  private interface Step {
    SnapshotVerdict apply(SnapshotVerdict v, List<String> lines);
  }

  /** Applies a step to each verdict, then rewrites the report, also when a step failed midway. */
  private ReviewResult apply(List<SnapshotVerdict> chosen, Step step) {
    List<String> lines = new ArrayList<>();
    Map<String, SnapshotVerdict> changed = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (SnapshotVerdict v : chosen) {
      try {
        SnapshotVerdict after = step.apply(v, lines);
        if (after != v) {
          changed.put(v.identifier(), after);
        }
      } catch (RuntimeException e) {
        failure = e;
        break;
      }
    }
    if (!changed.isEmpty()) {
      List<SnapshotVerdict> all = new ArrayList<>();
      for (SnapshotVerdict v : outcome.snapshots()) {
        all.add(changed.getOrDefault(v.identifier(), v));
      }
      outcome =
          OutcomeRules.decide(
              outcome.toBuilder().counts(RunCounts.of(all)).snapshots(all), tolerateDrift);
      folder.write(outcome);
    }
    lines.forEach(log);
    if (failure != null) {
      String done = lines.isEmpty() ? "" : " (done before it: " + String.join("; ", lines) + ")";
      if (failure instanceof ReviewException r) {
        throw new ReviewException(r.kind(), r.getMessage() + done, r);
      }
      throw new ReviewException(ReviewException.Kind.FAILED, failure.getMessage() + done, failure);
    }
    return new ReviewResult(lines, outcome.counts().unresolved());
  }

  private SnapshotVerdict acceptOne(SnapshotVerdict v, List<String> lines) {
    String id = v.identifier();
    Path target = baselines.pathFor(id);
    if (v.reviewState().resolved()) {
      lines.add(id + " was already accepted.");
      return v;
    }
    byte[] current =
        folder
            .readImage(v.currentImage())
            .orElseThrow(
                () ->
                    ReviewException.conflict(
                        id
                            + ": the run's image "
                            + folder.dir().resolve(v.currentImage())
                            + " is gone (did another run start?): run the tests again."));
    checkIsTheRunsImage(v, current);
    byte[] onDisk = readIfExists(target);
    if (onDisk != null && !Arrays.equals(onDisk, current)) {
      byte[] compared =
          v.baselineImage() == null ? null : folder.readImage(v.baselineImage()).orElse(null);
      boolean sameAsCompared = compared != null && Arrays.equals(onDisk, compared);
      boolean unusable = compared == null && v.result() == SnapshotResult.CHANGED;
      if (!sameAsCompared && !unusable) {
        throw ReviewException.conflict(
            id
                + ": the baseline "
                + target
                + " changed since this run compared against it (another run or an edit), so it"
                + " was not overwritten: run the tests again and review the new result.");
      }
    }
    Path written = onDisk != null && Arrays.equals(onDisk, current) ? target : write(id, current);
    lines.add("accepted " + id + ": baseline written to " + written);
    return v.toBuilder()
        .reviewState(ReviewState.APPROVED)
        .note("accepted with `review`: baseline written to " + written + ": commit it.")
        .build();
  }

  private SnapshotVerdict pruneOne(SnapshotVerdict v, List<String> lines) {
    String id = v.identifier();
    if (v.reviewState().resolved()) {
      lines.add(id + " was already handled.");
      return v;
    }
    Path target = baselines.pathFor(id);
    boolean deleted = baselines.delete(id);
    lines.add(
        deleted
            ? "deleted the baseline " + target + " of removed snapshot " + id
            : "the baseline " + target + " of " + id + " was already gone");
    return v.toBuilder()
        .reviewState(ReviewState.APPROVED)
        .note("baseline " + target + " deleted with `review`: commit the deletion.")
        .build();
  }

  /** The image must be the one the run judged (a later run may have replaced the folder). */
  private static void checkIsTheRunsImage(SnapshotVerdict v, byte[] png) {
    String actual;
    try {
      actual = ContentHash.of(png).contentHash();
    } catch (InvalidImageException e) {
      throw ReviewException.conflict(
          v.identifier() + ": the run's image is not a usable PNG (" + e.getMessage() + ")");
    }
    if (v.contentHash() != null && !v.contentHash().equals(actual)) {
      throw ReviewException.conflict(
          v.identifier()
              + ": the image in the report is not the one this run judged (another run replaced"
              + " it?): run the tests again and review the new result.");
    }
  }

  private Path write(String id, byte[] png) {
    try {
      return baselines.write(id, png);
    } catch (UncheckedIOException e) {
      throw new ReviewException(ReviewException.Kind.FAILED, e.getMessage(), e);
    }
  }

  private static byte[] readIfExists(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new ReviewException(
          ReviewException.Kind.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "LocalReview[" + folder.dir() + " → " + baselines.directory() + "]";
  }
}
