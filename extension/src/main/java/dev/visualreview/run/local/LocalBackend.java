package dev.visualreview.run.local;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.ImageStore;
import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.report.ReportImages;
import dev.visualreview.report.Reports;
import dev.visualreview.run.Backend;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.Shard;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import dev.visualreview.run.config.UpdateMode;
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
   * How the local backend works. Build it with {@link #builder}.
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
   * @param purpose review or observe
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
      Purpose purpose,
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
      purpose = purpose == null ? Purpose.REVIEW : purpose;
    }

    /**
     * A builder with the defaults relative to a working directory: update mode by CI, {@code
     * src/test/visual-baselines}, no {@code snapshots.yml}, the user cache image store, {@code
     * target/visual-review}, a full review run.
     */
    public static Builder builder(Path workDir, boolean ci, Map<String, String> env) {
      return new Builder(workDir, ci, env);
    }

    /** Builds {@link Settings}; every value not set keeps the default {@link #builder} names. */
    public static final class Builder {
      private UpdateMode updateMode;
      private Path baselineDir;
      private Path baselineFile;
      private Path imageStoreDir;
      private long imageStoreMaxBytes = ImageStore.DEFAULT_MAX_BYTES;
      private Path reportDir;
      private final boolean ci;
      private boolean partial;
      private String runType = "playwright";
      private String branch = "";
      private String commitSha = "";
      private Purpose purpose = Purpose.REVIEW;
      private boolean tolerateDrift;

      private Builder(Path workDir, boolean ci, Map<String, String> env) {
        this.ci = ci;
        this.updateMode = UpdateMode.defaultFor(ci);
        this.baselineDir = workDir.resolve(LocalBaselines.DEFAULT_DIRECTORY);
        this.imageStoreDir = ImageStore.defaultDirectory(env);
        this.reportDir = workDir.resolve(Reports.DEFAULT_DIRECTORY);
      }

      public Builder updateMode(UpdateMode mode) {
        this.updateMode = mode;
        return this;
      }

      public Builder baselineDir(Path dir) {
        this.baselineDir = dir;
        return this;
      }

      /** The PostHog {@code snapshots.yml}, or null for none. */
      public Builder baselineFile(Path file) {
        this.baselineFile = file;
        return this;
      }

      /** The image store's folder (null disables it) and size limit. */
      public Builder imageStore(Path dir, long maxBytes) {
        this.imageStoreDir = dir;
        this.imageStoreMaxBytes = maxBytes;
        return this;
      }

      public Builder reportDir(Path dir) {
        this.reportDir = dir;
        return this;
      }

      public Builder partial(boolean isPartial) {
        this.partial = isPartial;
        return this;
      }

      public Builder tolerateDrift(boolean tolerate) {
        this.tolerateDrift = tolerate;
        return this;
      }

      /** Run type, branch, commit and purpose, for the outcome. */
      public Builder run(String type, String onBranch, String commit, Purpose runPurpose) {
        this.runType = type;
        this.branch = onBranch;
        this.commitSha = commit;
        this.purpose = runPurpose;
        return this;
      }

      public Settings build() {
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
  private volatile JudgementWriter writer;
  private volatile BaselineFile yml;
  private volatile LocalBaselines baselines;
  private volatile ReportImages images;

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
    writer = new JudgementWriter(baselines, images, settings.updateMode(), settings.ci());
    judge = new SnapshotJudge(yml, baselines, settings.updateMode());
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
      SnapshotVerdict v = writer.apply(judge.decide(s));
      judged.put(s.identifier(), new Judged(s.contentHash(), v));
      return v;
    }
  }

  @Override
  public RunOutcome complete() {
    requireOpen();
    List<SnapshotVerdict> all = new ArrayList<>();
    judged.values().forEach(j -> all.add(j.verdict()));
    if (!settings.partial()) {
      all.addAll(removed());
    }
    all.sort(
        Comparator.comparing((SnapshotVerdict v) -> !v.isChange())
            .thenComparing(v -> v.result().ordinal())
            .thenComparing(SnapshotVerdict::identifier));
    if (baselines.store() != null) {
      baselines.store().prune();
    }
    return outcome(all);
  }

  /**
   * Baselines (images or snapshots.yml entries) that no snapshot of this run produced, among the
   * groups that ran. A group is the identifier's first {@code --} segment, the test class with the
   * default identifier template, so running one test class ({@code -Dtest=CheckoutTest}) never
   * reports the other classes' baselines as removed.
   */
  private List<SnapshotVerdict> removed() {
    Set<String> ranGroups = new TreeSet<>();
    judged.keySet().forEach(id -> ranGroups.add(group(id)));
    Set<String> known = new TreeSet<>(baselines.identifiers());
    known.addAll(yml.signedHashes().keySet());
    known.removeAll(judged.keySet());
    known.removeIf(id -> !ranGroups.contains(group(id)));
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
      ReviewState reviewState = ReviewState.PENDING;
      String note = "no longer produced: its test class ran without capturing it";
      if (settings.updateMode() == UpdateMode.ALL && hasImage) {
        baselines.delete(id);
        reviewState = yml.contains(id) ? ReviewState.PENDING : ReviewState.APPROVED;
        note =
            "baseline image deleted (update mode all)"
                + (yml.contains(id) ? "; snapshots.yml still lists it until PostHog approves" : "");
      }
      out.add(
          VerdictBuilder.verdict(id, SnapshotResult.REMOVED)
              .baseline(baselineImage)
              .note(note)
              .reviewState(reviewState)
              .build());
    }
    return out;
  }

  /** The identifier's first {@code --} segment: the test class with the default template. */
  static String group(String identifier) {
    int dash = identifier.indexOf("--");
    return dash > 0 ? identifier.substring(0, dash) : identifier;
  }

  private RunOutcome outcome(List<SnapshotVerdict> all) {
    String reportPath =
        settings.reportDir().resolve(Reports.INDEX_HTML).toAbsolutePath().normalize().toString();
    return OutcomeRules.decide(
        RunOutcome.builder(Mode.LOCAL)
            .runId(runId)
            .purpose(settings.purpose())
            .run(settings.runType(), settings.branch(), settings.commitSha())
            .counts(RunCounts.of(all))
            .snapshots(all)
            .reviewUrl(reportPath),
        settings.tolerateDrift());
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
