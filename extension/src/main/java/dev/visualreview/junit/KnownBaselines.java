package dev.visualreview.junit;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.baseline.LocalBaselines;
import dev.visualreview.baseline.SnapshotFileNames;
import java.nio.file.Path;
import java.util.Set;

/**
 * The identifiers that have a baseline before the run starts: the local baseline images and the
 * entries of {@code snapshots.yml}. Lets an identifier built the way earlier versions built it keep
 * its baseline ({@code visualreview.invocationNames=auto}).
 */
final class KnownBaselines {
  private final Set<String> imageNames;
  private final Set<String> pinned;

  private KnownBaselines(Set<String> imageNames, Set<String> pinned) {
    this.imageNames = imageNames;
    this.pinned = pinned;
  }

  /** Reads what is there; anything unreadable counts as no baselines (the run reports it). */
  static KnownBaselines read(Path baselineDir, Path baselineFile) {
    Set<String> images;
    try {
      images = Set.copyOf(new LocalBaselines(baselineDir, null).identifiers());
    } catch (RuntimeException e) {
      images = Set.of();
    }
    Set<String> pinned;
    try {
      pinned = Set.copyOf(BaselineFile.read(baselineFile).signedHashes().keySet());
    } catch (RuntimeException e) {
      pinned = Set.of();
    }
    return new KnownBaselines(images, pinned);
  }

  boolean has(String identifier) {
    return pinned.contains(identifier) || imageNames.contains(SnapshotFileNames.stem(identifier));
  }
}
