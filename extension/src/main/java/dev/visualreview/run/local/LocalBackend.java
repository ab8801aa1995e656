package dev.visualreview.run.local;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.ImageStore;
import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.baseline.SnapshotFileNames;
import dev.visualreview.report.Reports;
import dev.visualreview.run.Backend;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backend for runs without PostHog: judges every snapshot on this machine as soon as its test
 * ends ({@link #judgeNow}), so the test can fail with the details, and at {@link #complete} adds
 * the removed baselines and builds the outcome with the PostHog CLI's rules. Writes the current,
 * baseline and diff images into the report folder; {@code Reports.write} adds the pages.
 */
public final class LocalBackend implements Backend {

  /**
   * How the local backend works.
   *
   * @param updateMode which baseline images to write
   * @param baselineDir committed baseline images, {@code <dir>/<identifier>.png}
   * @param baselineFile the PostHog {@code snapshots.yml}, or null when there is none
   * @param imageStoreDir the content-addressed store of captured images, or null to disable it
   * @param imageStoreMaxBytes the store's size limit (least recently used images are pruned)
   * @param reportDir the report folder ({@code target/visual-review} by default)
   * @param ci whether this runs in CI (a missing baseline then fails)
   * @param partial whether only part of the suite ran (then nothing is reported removed)
   * @param runType the run type, e.g. {@code playwright}
   * @param branch the branch, for the outcome
   * @param commitSha the commit, for the outcome
   * @param purpose {@code review} or {@code observe}
   * @param tolerateDrift whether changes in an {@code observe} run only warn
   */
  public record Settings(
      UpdateMode updateMode,
      Path baselineDir,
      Path baselineFile,
      Path imageStoreDir,
      long imageStoreMaxBytes,
      Path reportDir,
      boolean ci,
      boolean partial,
      String runType,
      String branch,
      String commitSha,
      String purpose,
      boolean tolerateDrift) {

    public Settings {
      Objects.requireNonNull(updateMode, "updateMode");
      Objects.requireNonNull(baselineDir, "baselineDir");
      Objects.requireNonNull(reportDir, "reportDir");
      if (imageStoreMaxBytes <= 0) {
        throw new IllegalArgumentException(
            "image store limit must be positive, got " + imageStoreMaxBytes + " bytes");
      }
      runType = runType == null || runType.isBlank() ? "playwright" : runType;
      branch = branch == null ? "" : branch;
      commitSha = commitSha == null ? "" : commitSha;
      purpose = purpose == null || purpose.isBlank() ? "review" : purpose;
    }

    /**
     * Defaults relative to a working directory: update mode by CI, {@code
     * src/test/visual-baselines}, no {@code snapshots.yml}, the user cache image store, {@code
     * target/visual-review}.
     */
    public static Settings defaults(Path workDir, boolean ci, Map<String, String> env) {
      return new Settings(
          UpdateMode.defaultFor(ci),
          workDir.resolve(LocalBaselines.DEFAULT_DIRECTORY),
          null,
          ImageStore.defaultDirectory(env),
          ImageStore.DEFAULT_MAX_BYTES,
          workDir.resolve(Reports.DEFAULT_DIRECTORY),
          ci,
          false,
          "playwright",
          "",
          "",
          "review",
          false);
    }

    public Settings withUpdateMode(UpdateMode mode) {
      Copy b = new Copy(this);
      b.updateMode = mode;
      return b.build();
    }

    public Settings withBaselineDir(Path dir) {
      Copy b = new Copy(this);
      b.baselineDir = dir;
      return b.build();
    }

    public Settings withBaselineFile(Path file) {
      Copy b = new Copy(this);
      b.baselineFile = file;
      return b.build();
    }

    public Settings withImageStore(Path dir, long maxBytes) {
      Copy b = new Copy(this);
      b.imageStoreDir = dir;
      b.imageStoreMaxBytes = maxBytes;
      return b.build();
    }

    public Settings withReportDir(Path dir) {
      Copy b = new Copy(this);
      b.reportDir = dir;
      return b.build();
    }

    public Settings withPartial(boolean isPartial) {
      Copy b = new Copy(this);
      b.partial = isPartial;
      return b.build();
    }

    public Settings withTolerateDrift(boolean tolerate) {
      Copy b = new Copy(this);
      b.tolerateDrift = tolerate;
      return b.build();
    }

    public Settings withRun(String type, String onBranch, String commit, String runPurpose) {
      Copy b = new Copy(this);
      b.runType = type;
      b.branch = onBranch;
      b.commitSha = commit;
      b.purpose = runPurpose;
      return b.build();
    }

    /** A mutable copy, so each {@code with...} method names only the fields it changes. */
    private static final class Copy {
      private UpdateMode updateMode;
      private Path baselineDir;
      private Path baselineFile;
      private Path imageStoreDir;
      private long imageStoreMaxBytes;
      private Path reportDir;
      private boolean ci;
      private boolean partial;
      private String runType;
      private String branch;
      private String commitSha;
      private String purpose;
      private boolean tolerateDrift;

      Copy(Settings s) {
        updateMode = s.updateMode;
        baselineDir = s.baselineDir;
        baselineFile = s.baselineFile;
        imageStoreDir = s.imageStoreDir;
        imageStoreMaxBytes = s.imageStoreMaxBytes;
        reportDir = s.reportDir;
        ci = s.ci;
        partial = s.partial;
        runType = s.runType;
        branch = s.branch;
        commitSha = s.commitSha;
        purpose = s.purpose;
        tolerateDrift = s.tolerateDrift;
      }

      Settings build() {
        return new Settings(
            updateMode,
            baselineDir,
            baselineFile,
            imageStoreDir,
            imageStoreMaxBytes,
            reportDir,
            ci,
            partial,
            runType,
            branch,
            commitSha,
            purpose,
            tolerateDrift);
      }
    }
  }

  private final Settings settings;
  private final String runId;
  private final Map<String, Judged> judged = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private volatile SnapshotJudge judge;
  private volatile BaselineFile yml;
  private volatile LocalBaselines baselines;
  private volatile ReportImages images;
  private volatile String keptReason;
  private volatile int kept;

  private record Judged(String contentHash, SnapshotVerdict verdict) {}

  public LocalBackend(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runId =
        "local-"
            + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
  }

  /** The settings this backend runs with. */
  public Settings settings() {
    return settings;
  }

  @Override
  public void open() {
    yml =
        settings.baselineFile() == null
            ? BaselineFile.absent(Path.of("snapshots.yml"))
            : BaselineFile.read(settings.baselineFile());
    ImageStore store =
        settings.imageStoreDir() == null
            ? null
            : ImageStore.open(settings.imageStoreDir(), settings.imageStoreMaxBytes());
    baselines = new LocalBaselines(settings.baselineDir(), store);
    images = new ReportImages(settings.reportDir());
    images.clear();
    judge = new SnapshotJudge(yml, baselines, images, settings.updateMode(), settings.ci());
  }

  @Override
  public List<SnapshotVerdict> judgeNow(List<Snapshot> snapshots) {
    requireOpen();
    List<SnapshotVerdict> out = new ArrayList<>(snapshots.size());
    for (Snapshot s : snapshots) {
      out.add(judgeOnce(s));
    }
    return out;
  }

  @Override
  public void addShard(Shard shard) {
    requireOpen();
    for (Snapshot s : shard.snapshots()) {
      judgeOnce(s);
    }
  }

  /** Judges a snapshot unless this exact image was judged already (judgeNow, then addShard). */
  private SnapshotVerdict judgeOnce(Snapshot s) {
    synchronized (locks.computeIfAbsent(s.identifier(), k -> new Object())) {
      Judged previous = judged.get(s.identifier());
      if (previous != null && previous.contentHash().equals(s.contentHash())) {
        return previous.verdict();
      }
      SnapshotVerdict v = judge.judge(s);
      judged.put(s.identifier(), new Judged(s.contentHash(), v));
      return v;
    }
  }

  @Override
  public RunOutcome complete() {
    requireOpen();
    List<SnapshotVerdict> all = new ArrayList<>();
    judged.values().forEach(j -> all.add(j.verdict()));
    Set<String> unproduced = unproduced();
    if (settings.partial() || keptReason != null) {
      kept = unproduced.size();
    } else {
      all.addAll(removed(unproduced));
    }
    all.sort(
        Comparator.comparing((SnapshotVerdict v) -> !v.isChange())
            .thenComparing(v -> v.result().ordinal())
            .thenComparing(SnapshotVerdict::identifier));
    RunCounts counts = counts(all);
    if (baselines.store() != null) {
      baselines.store().prune();
    }
    return outcome(all, counts);
  }

  /**
   * Keeps the baselines this run did not produce: none is reported as removed or deleted, as in a
   * partial run. For a run whose tests did not all run to their end (skipped, aborted, failed).
   *
   * @param reason why, for {@link #keptReason()}
   */
  public void keepBaselinesNotProduced(String reason) {
    keptReason = reason;
  }

  /** How many baselines the completed run did not produce and kept (partial run, or kept). */
  public int keptBaselines() {
    return kept;
  }

  /** Why baselines were kept: the partial run, or the reason given. */
  public String keptReason() {
    return keptReason != null ? keptReason : "only part of the suite ran";
  }

  /**
   * Baselines (images or snapshots.yml entries) that no snapshot of this run produced, among the
   * groups that ran. A group is the identifier's first {@code --} segment, the test class with the
   * default identifier template, so a baseline of a test class that did not run at all (or that
   * another source set runs with the same baseline folder) is never reported as removed.
   */
  private Set<String> unproduced() {
    Set<String> ranGroups = new TreeSet<>();
    judged.keySet().forEach(id -> ranGroups.add(group(id)));
    // Baseline images are listed by file name, which is shortened for very long identifiers.
    Set<String> produced = new TreeSet<>();
    judged.keySet().forEach(id -> produced.add(SnapshotFileNames.stem(id)));
    yml.signedHashes().keySet().forEach(id -> produced.add(SnapshotFileNames.stem(id)));
    Set<String> known = new TreeSet<>(baselines.identifiers());
    known.removeAll(produced);
    known.addAll(yml.signedHashes().keySet());
    known.removeAll(judged.keySet());
    known.removeIf(id -> !ranGroups.contains(group(id)));
    return known;
  }

  /** The removed verdicts; with update mode {@code all} their baseline images are deleted. */
  private List<SnapshotVerdict> removed(Set<String> known) {
    List<SnapshotVerdict> out = new ArrayList<>();
    for (String id : known) {
      String baselineImage = null;
      boolean hasImage = false;
      try {
        Path file = baselines.baselineImage(id).orElse(null);
        if (file != null) {
          hasImage = true;
          baselineImage = images.write(id, "baseline", Files.readAllBytes(file));
        }
      } catch (IOException | IllegalArgumentException e) {
        // shown without its image
      }
      String reviewState = "pending";
      String note = "no longer produced: its test class ran without capturing it";
      if (settings.updateMode() == UpdateMode.ALL && hasImage) {
        baselines.delete(id);
        reviewState = yml.contains(id) ? "pending" : "approved";
        note =
            "baseline image deleted (update mode all)"
                + (yml.contains(id) ? "; snapshots.yml still lists it until PostHog approves" : "");
      }
      out.add(
          new SnapshotVerdict(
              id,
              SnapshotResult.REMOVED,
              "",
              "",
              null,
              null,
              null,
              false,
              null,
              "",
              baselineImage,
              null,
              null,
              null,
              note,
              false,
              reviewState));
    }
    return out;
  }

  /** The identifier's first {@code --} segment: the test class with the default template. */
  static String group(String identifier) {
    int dash = identifier.indexOf("--");
    return dash > 0 ? identifier.substring(0, dash) : identifier;
  }

  private static RunCounts counts(List<SnapshotVerdict> all) {
    int changed = 0;
    int added = 0;
    int removed = 0;
    int unresolved = 0;
    for (SnapshotVerdict v : all) {
      if (v.quarantined()) {
        continue;
      }
      switch (v.result()) {
        case CHANGED -> changed++;
        case NEW -> added++;
        case REMOVED -> removed++;
        default -> {}
      }
      if (v.actionable()) {
        unresolved++;
      }
    }
    return new RunCounts(
        all.size(), all.size() - changed - added - removed, changed, added, removed, unresolved);
  }

  private RunOutcome outcome(List<SnapshotVerdict> all, RunCounts counts) {
    String reportPath =
        settings.reportDir().resolve(Reports.INDEX_HTML).toAbsolutePath().normalize().toString();
    return OutcomeRules.decide(
        new OutcomeRules.Input(
            "local",
            runId,
            "completed",
            null,
            settings.purpose(),
            settings.runType(),
            settings.branch(),
            settings.commitSha(),
            counts,
            settings.tolerateDrift(),
            all,
            reportPath));
  }

  private void requireOpen() {
    if (judge == null) {
      throw new IllegalStateException("the local backend was used before open()");
    }
  }

  @Override
  public void close() {
    // nothing held between calls: files are written as snapshots are judged
  }

  @Override
  public String toString() {
    return "LocalBackend[" + settings.updateMode().value() + ", " + settings.baselineDir() + "]";
  }
}
