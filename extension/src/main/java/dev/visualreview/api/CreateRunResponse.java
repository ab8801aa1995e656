package dev.visualreview.api;

import java.util.List;

/** Answer to {@code POST runs/}: the new run's id and the uploads the server still needs. */
public record CreateRunResponse(String runId, List<UploadTarget> uploads) {
  public CreateRunResponse {
    uploads = uploads == null ? List.of() : List.copyOf(uploads);
  }
}
