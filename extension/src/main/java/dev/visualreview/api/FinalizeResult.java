package dev.visualreview.api;

/** The finalized run and, when the server did not commit, the signed baseline YAML. */
public record FinalizeResult(Run run, String baselineContent) {
  public FinalizeResult {
    baselineContent = baselineContent == null ? "" : baselineContent;
  }
}
