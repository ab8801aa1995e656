package dev.visualreview.api;

import java.util.List;

/**
 * Answer to add-snapshots.
 *
 * @param added rows newly created (repeated identifiers count 0: first write wins)
 * @param uploads the uploads the server still needs
 */
public record AddSnapshotsResponse(int added, List<UploadTarget> uploads) {
  public AddSnapshotsResponse {
    uploads = uploads == null ? List.of() : List.copyOf(uploads);
  }
}
