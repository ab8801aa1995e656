package dev.visualreview.run.local;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.image.ContentHash;
import dev.visualreview.image.InvalidImageException;
import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.DiffOptions;
import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.image.diff.PixelDiff;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Judges one snapshot against its baseline, with the server's results. {@code snapshots.yml}
 * decides when it has the identifier (the image behind its hash comes from the image store, or from
 * the committed baseline image when that has the same hash); otherwise the committed baseline image
 * decides. Applies the update mode and writes the report's images.
 */
final class SnapshotJudge {
  /** The configuration key users set to record or update baselines (named in notes). */
  static final String UPDATE_KEY = "visualreview.update";

  private static final String APPROVED = "approved";
  private static final String PENDING = "pending";

  private final BaselineFile yml;
  private final LocalBaselines baselines;
  private final ReportImages images;
  private final UpdateMode mode;
  private final boolean ci;

  SnapshotJudge(
      BaselineFile yml,
      LocalBaselines baselines,
      ReportImages images,
      UpdateMode mode,
      boolean ci) {
    this.yml = yml;
    this.baselines = baselines;
    this.images = images;
    this.mode = mode;
    this.ci = ci;
  }

  SnapshotVerdict judge(Snapshot s) {
    String current = images.write(s.identifier(), "current", s.png());
    storeQuietly(s.contentHash(), s.png());
    Optional<Path> localFile = localBaseline(s.identifier());
    Optional<String> pinned = yml.contentHash(s.identifier());

    if (pinned.isPresent()) {
      if (pinned.get().equals(s.contentHash())) {
        return unchangedExact(s, current, localFile);
      }
      byte[] base = imageWithHash(pinned.get(), localFile);
      if (base == null) {
        return undiffed(
            s,
            SnapshotResult.CHANGED,
            current,
            PENDING,
            "snapshots.yml expects baseline hash "
                + abbreviate(pinned.get())
                + " but no image with that hash is on this machine (neither "
                + baselineFileText(s.identifier())
                + " nor the image store): the pixels cannot be compared here. Run the suite once"
                + " on the commit that recorded the baseline (e.g. main) to cache it, or review"
                + " the change on PostHog.");
      }
      return compare(s, base, current, true);
    }

    if (localFile.isPresent()) {
      byte[] base = read(localFile.get());
      if (Arrays.equals(base, s.png())) {
        return unchangedExact(s, current, localFile); // same bytes: no need to decode
      }
      String baseHash;
      try {
        baseHash = ContentHash.of(base).contentHash();
      } catch (InvalidImageException e) {
        return corruptBaseline(s, current, localFile.get(), e);
      }
      if (baseHash.equals(s.contentHash())) {
        return unchangedExact(s, current, localFile);
      }
      return compare(s, base, current, false);
    }
    return newSnapshot(s, current);
  }

  private SnapshotVerdict compare(Snapshot s, byte[] basePng, String current, boolean pinned) {
    String baseline = images.write(s.identifier(), "baseline", basePng);
    RgbaImage base;
    RgbaImage cur;
    try {
      base = PngDecoder.decode(basePng);
      cur = PngDecoder.decode(s.png());
    } catch (InvalidImageException e) {
      return verdict(
          s,
          SnapshotResult.CHANGED,
          "",
          "",
          null,
          baseline,
          current,
          null,
          PENDING,
          "cannot compare: " + e.getMessage());
    }
    DiffResult d = PixelDiff.compare(base, cur, DiffOptions.withDiffImage());
    String diff =
        d.diffImage() == null
            ? null
            : images.write(s.identifier(), "diff", PngEncoder.encode(d.diffImage()));
    if (!d.changed()) {
      String note = "";
      if (mode == UpdateMode.ALL && !pinned) {
        note =
            "baseline rewritten at "
                + baselines.write(s.identifier(), s.png())
                + " (update mode all)";
      }
      return verdict(
          s, SnapshotResult.UNCHANGED, d.reason(), "", d, baseline, current, diff, "", note);
    }
    String reviewState = PENDING;
    String note = "";
    if (pinned) {
      if (mode == UpdateMode.CHANGED || mode == UpdateMode.ALL) {
        note =
            "snapshots.yml (owned by PostHog) pins this baseline, so a local update cannot"
                + " accept the change: approve it on PostHog.";
      }
    } else if (mode == UpdateMode.CHANGED || mode == UpdateMode.ALL) {
      Path written = baselines.write(s.identifier(), s.png());
      reviewState = APPROVED;
      note =
          "baseline updated at "
              + written
              + " (update mode "
              + mode.value()
              + "): review and commit it.";
    }
    return verdict(
        s,
        SnapshotResult.CHANGED,
        "",
        d.changeKind(),
        d,
        baseline,
        current,
        diff,
        reviewState,
        note);
  }

  private SnapshotVerdict unchangedExact(Snapshot s, String current, Optional<Path> localFile) {
    String note = "";
    if (mode == UpdateMode.ALL
        && (localFile.isEmpty() || !Arrays.equals(read(localFile.get()), s.png()))) {
      note =
          "baseline rewritten at "
              + baselines.write(s.identifier(), s.png())
              + " (update mode all)";
    }
    return verdict(s, SnapshotResult.UNCHANGED, "exact", "", null, null, current, null, "", note);
  }

  private SnapshotVerdict newSnapshot(Snapshot s, String current) {
    Path target = baselines.pathFor(s.identifier());
    if (mode == UpdateMode.NONE) {
      return undiffed(
          s,
          SnapshotResult.NEW,
          current,
          PENDING,
          "no baseline: run the test locally (it records "
              + target
              + " by default outside CI, or with -D"
              + UPDATE_KEY
              + "=missing) and commit the image.");
    }
    baselines.write(s.identifier(), s.png());
    if (ci) {
      return undiffed(
          s,
          SnapshotResult.NEW,
          current,
          PENDING,
          "no baseline: a missing baseline fails in CI. Recorded "
              + target
              + " on this machine; commit the baseline image from a local run.");
    }
    return undiffed(
        s,
        SnapshotResult.NEW,
        current,
        APPROVED,
        "new baseline recorded at " + target + ": review and commit it.");
  }

  private SnapshotVerdict corruptBaseline(
      Snapshot s, String current, Path file, InvalidImageException e) {
    if (mode == UpdateMode.CHANGED || mode == UpdateMode.ALL) {
      baselines.write(s.identifier(), s.png());
      return undiffed(
          s,
          SnapshotResult.CHANGED,
          current,
          APPROVED,
          "baseline image "
              + file
              + " was not a usable PNG ("
              + e.getMessage()
              + "); replaced with the current image (update mode "
              + mode.value()
              + ").");
    }
    return undiffed(
        s,
        SnapshotResult.CHANGED,
        current,
        PENDING,
        "baseline image "
            + file
            + " is not a usable PNG ("
            + e.getMessage()
            + "): delete it, or rerun with -D"
            + UPDATE_KEY
            + "=changed to replace it.");
  }

  /** The image for a content hash: from the store, else the committed baseline if it matches. */
  private byte[] imageWithHash(String hash, Optional<Path> localFile) {
    Optional<Path> stored =
        baselines.store() == null ? Optional.empty() : baselines.store().find(hash);
    if (stored.isPresent()) {
      try {
        return Files.readAllBytes(stored.get());
      } catch (IOException e) {
        // fall through to the committed image
      }
    }
    if (localFile.isPresent()) {
      byte[] bytes = read(localFile.get());
      try {
        if (ContentHash.of(bytes).contentHash().equals(hash)) {
          return bytes;
        }
      } catch (InvalidImageException e) {
        return null;
      }
    }
    return null;
  }

  private Optional<Path> localBaseline(String identifier) {
    try {
      return baselines.baselineImage(identifier);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a file-safe identifier: it cannot have a baseline image
    }
  }

  private String baselineFileText(String identifier) {
    try {
      return baselines.pathFor(identifier).toString();
    } catch (IllegalArgumentException e) {
      return "a baseline image";
    }
  }

  private void storeQuietly(String hash, byte[] png) {
    if (baselines.store() == null) {
      return;
    }
    try {
      baselines.store().put(hash, png);
    } catch (RuntimeException e) {
      // the store is a convenience: a full disk there must not fail the run
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read baseline image " + file + ": " + e.getMessage(), e);
    }
  }

  static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }

  /** A verdict without a diff: no baseline pixels were compared. */
  private static SnapshotVerdict undiffed(
      Snapshot s, SnapshotResult result, String current, String reviewState, String note) {
    return verdict(s, result, "", "", null, null, current, null, reviewState, note);
  }

  private static SnapshotVerdict verdict(
      Snapshot s,
      SnapshotResult result,
      String reason,
      String kind,
      DiffResult d,
      String baseline,
      String current,
      String diff,
      String reviewState,
      String note) {
    return new SnapshotVerdict(
        s.identifier(),
        result,
        reason,
        kind,
        d == null ? null : d.diffPercentage(),
        d == null ? null : d.diffPixelCount(),
        d == null ? null : d.ssim(),
        d != null && d.sizeMismatch(),
        d == null ? null : d.rowShift(),
        s.source(),
        baseline,
        current,
        diff,
        null,
        note,
        false,
        reviewState);
  }
}
