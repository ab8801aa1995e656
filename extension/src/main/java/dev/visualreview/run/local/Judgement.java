package dev.visualreview.run.local;

import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotResult;
import java.nio.file.Path;

/**
 * What {@link SnapshotJudge} decided about one snapshot, before anything is written: the result,
 * the diff, the baseline it was compared with, and which baseline write the update mode asks for.
 * {@link JudgementWriter} applies it.
 *
 * @param snapshot the snapshot judged
 * @param result unchanged, changed or new
 * @param finding why, in the terms the note explains
 * @param reason why an unchanged snapshot is unchanged
 * @param diff the pixel comparison, or null when none was made
 * @param baselinePng the baseline image compared with (shown in the report), or null
 * @param write the baseline write the update mode asks for
 * @param detail what the finding is about: the pinned hash, the unusable file's problem, ... or ""
 * @param file the baseline file the finding is about, or null
 */
record Judgement(
    Snapshot snapshot,
    SnapshotResult result,
    Finding finding,
    ClassificationReason reason,
    DiffResult diff,
    byte[] baselinePng,
    Write write,
    String detail,
    Path file) {

  /** What the judge found. */
  enum Finding {
    /** The pixels match the baseline (exactly or below the threshold). */
    SAME,
    /** The pixels differ from a committed baseline image. */
    CHANGED,
    /** The pixels differ from the image snapshots.yml pins: only PostHog can accept it. */
    CHANGED_PINNED,
    /** snapshots.yml pins a hash whose image is not on this machine. */
    PINNED_IMAGE_MISSING,
    /** Baseline or current image could not be decoded for the diff. */
    CANNOT_COMPARE,
    /** The committed baseline file is not a usable PNG. */
    UNUSABLE_BASELINE,
    /** No baseline at all. */
    NEW
  }

  /** The baseline image write the update mode asks for. */
  enum Write {
    /** Nothing. */
    NONE,
    /** Record the new snapshot's baseline. */
    RECORD,
    /** Overwrite a changed or unusable baseline (update mode changed or all). */
    UPDATE,
    /** Rewrite an unchanged baseline with this rendering (update mode all). */
    REWRITE
  }

  static Judgement of(Snapshot s, SnapshotResult result, Finding finding) {
    return new Judgement(
        s, result, finding, ClassificationReason.NONE, null, null, Write.NONE, "", null);
  }

  Judgement withDiff(DiffResult d, byte[] basePng) {
    return new Judgement(
        snapshot,
        result,
        finding,
        ClassificationReason.fromWire(d.reason()),
        d,
        basePng,
        write,
        detail,
        file);
  }

  Judgement withReason(ClassificationReason r) {
    return new Judgement(snapshot, result, finding, r, diff, baselinePng, write, detail, file);
  }

  Judgement withBaseline(byte[] basePng) {
    return new Judgement(snapshot, result, finding, reason, diff, basePng, write, detail, file);
  }

  Judgement withWrite(Write w) {
    return new Judgement(snapshot, result, finding, reason, diff, baselinePng, w, detail, file);
  }

  Judgement about(String what, Path baselineFile) {
    return new Judgement(
        snapshot, result, finding, reason, diff, baselinePng, write, what, baselineFile);
  }
}
