package dev.visualreview.run.local;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.image.ContentHash;
import dev.visualreview.image.InvalidImageException;
import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.DiffOptions;
import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.image.diff.PixelDiff;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.config.UpdateMode;
import dev.visualreview.run.local.Judgement.Finding;
import dev.visualreview.run.local.Judgement.Write;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides about one snapshot against its baseline, with the server's results, and which baseline
 * write the update mode asks for; it reads but never writes ({@link JudgementWriter} does). {@code
 * snapshots.yml} decides when it has the identifier (the image behind its hash comes from the image
 * store, or from the committed baseline image when that has the same hash); otherwise the committed
 * baseline image decides.
 */
final class SnapshotJudge {
  private final BaselineFile yml;
  private final LocalBaselines baselines;
  private final UpdateMode mode;

  SnapshotJudge(BaselineFile yml, LocalBaselines baselines, UpdateMode mode) {
    this.yml = yml;
    this.baselines = baselines;
    this.mode = mode;
  }

  Judgement decide(Snapshot s) {
    Optional<Path> localFile = localBaseline(s.identifier());
    Optional<String> pinned = yml.contentHash(s.identifier());

    if (pinned.isPresent()) {
      if (pinned.get().equals(s.contentHash())) {
        return unchangedExact(s, localFile);
      }
      byte[] base = imageWithHash(pinned.get(), localFile);
      if (base == null) {
        return Judgement.of(s, SnapshotResult.CHANGED, Finding.PINNED_IMAGE_MISSING)
            .about(pinned.get(), null);
      }
      return compare(s, base, true);
    }

    if (localFile.isPresent()) {
      byte[] base = read(localFile.get());
      if (Arrays.equals(base, s.png())) {
        return unchangedExact(s, localFile); // same bytes: no need to decode
      }
      String baseHash;
      try {
        baseHash = ContentHash.of(base).contentHash();
      } catch (InvalidImageException e) {
        return Judgement.of(s, SnapshotResult.CHANGED, Finding.UNUSABLE_BASELINE)
            .withWrite(updatesChanged() ? Write.UPDATE : Write.NONE)
            .about(e.getMessage(), localFile.get());
      }
      if (baseHash.equals(s.contentHash())) {
        return unchangedExact(s, localFile);
      }
      return compare(s, base, false);
    }
    return Judgement.of(s, SnapshotResult.NEW, Finding.NEW)
        .withWrite(mode == UpdateMode.NONE ? Write.NONE : Write.RECORD);
  }

  private Judgement compare(Snapshot s, byte[] basePng, boolean pinned) {
    RgbaImage base;
    RgbaImage cur;
    try {
      base = PngDecoder.decode(basePng);
      cur = PngDecoder.decode(s.png());
    } catch (InvalidImageException e) {
      return Judgement.of(s, SnapshotResult.CHANGED, Finding.CANNOT_COMPARE)
          .withBaseline(basePng)
          .about(e.getMessage(), null);
    }
    DiffResult d = PixelDiff.compare(base, cur, DiffOptions.withDiffImage());
    if (!d.changed()) {
      return Judgement.of(s, SnapshotResult.UNCHANGED, Finding.SAME)
          .withDiff(d, basePng)
          .withWrite(mode == UpdateMode.ALL && !pinned ? Write.REWRITE : Write.NONE);
    }
    if (pinned) {
      return Judgement.of(s, SnapshotResult.CHANGED, Finding.CHANGED_PINNED).withDiff(d, basePng);
    }
    return Judgement.of(s, SnapshotResult.CHANGED, Finding.CHANGED)
        .withDiff(d, basePng)
        .withWrite(updatesChanged() ? Write.UPDATE : Write.NONE);
  }

  private Judgement unchangedExact(Snapshot s, Optional<Path> localFile) {
    boolean stale = localFile.isEmpty() || !Arrays.equals(read(localFile.get()), s.png());
    return Judgement.of(s, SnapshotResult.UNCHANGED, Finding.SAME)
        .withReason(ClassificationReason.EXACT)
        .withWrite(mode == UpdateMode.ALL && stale ? Write.REWRITE : Write.NONE);
  }

  private boolean updatesChanged() {
    return mode == UpdateMode.CHANGED || mode == UpdateMode.ALL;
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

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read baseline image " + file + ": " + e.getMessage(), e);
    }
  }
}
