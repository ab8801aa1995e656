package dev.visualreview.api;

import java.util.List;

/** Body of {@code POST runs/{id}/add-snapshots/}. */
public record AddSnapshotsRequest(List<ManifestItem> snapshots) {
  public AddSnapshotsRequest {
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
  }
}
