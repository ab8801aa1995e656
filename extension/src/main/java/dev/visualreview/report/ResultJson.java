package dev.visualreview.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.UnjudgedSnapshot;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code result.json}: a {@link RunOutcome} with the same schema in both modes (documented in
 * docs/local-mode.md, "The report"). Field names follow the PostHog API's snake_case.
 */
public final class ResultJson {
  /** Bumped only on incompatible changes; new fields may appear without a bump. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  /** The outcome as pretty-printed JSON text. */
  public static String render(RunOutcome outcome) {
    try {
      return MAPPER.writeValueAsString(tree(outcome)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise the run outcome", e);
    }
  }

  /** The outcome as the maps and lists that {@link #render} serialises. */
  public static Map<String, Object> tree(RunOutcome outcome) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("mode", outcome.mode().name().toLowerCase(Locale.ROOT));
    root.put("run_id", outcome.runId());
    root.put("status", outcome.status().wire());
    root.put("purpose", outcome.purpose().wire());
    root.put("run_type", outcome.runType());
    root.put("branch", outcome.branch());
    root.put("commit_sha", outcome.commitSha());
    root.put("partial", outcome.partial());
    root.put("verdict", outcome.verdict().name().toLowerCase(Locale.ROOT));
    root.put("exit_code", outcome.exitCode());
    root.put("summary", OutcomeText.summary(outcome));
    root.put("review_url", outcome.reviewUrl());
    root.put("error_message", outcome.errorMessage());
    root.put("counts", counts(outcome.counts()));
    List<Map<String, Object>> snapshots = new ArrayList<>();
    for (SnapshotVerdict v : outcome.snapshots()) {
      snapshots.add(snapshot(v));
    }
    root.put("snapshots", snapshots);
    List<Map<String, Object>> notJudged = new ArrayList<>();
    for (UnjudgedSnapshot s : outcome.notJudged()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("identifier", s.identifier());
      m.put("source", s.source());
      notJudged.add(m);
    }
    root.put("not_judged", notJudged);
    return root;
  }

  private static Map<String, Object> counts(RunCounts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", c.total());
    m.put("unchanged", c.unchanged());
    m.put("changed", c.changed());
    m.put("new", c.added());
    m.put("removed", c.removed());
    m.put("unresolved", c.unresolved());
    return m;
  }

  private static Map<String, Object> snapshot(SnapshotVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("identifier", v.identifier());
    m.put("result", v.result().wire());
    m.put("classification_reason", v.classificationReason().wire());
    m.put("change_kind", v.changeKind().wire());
    m.put("diff_percentage", v.diffPercentage());
    m.put("diff_pixel_count", v.diffPixelCount());
    m.put("ssim", v.ssim());
    m.put("size_mismatch", v.sizeMismatch());
    m.put("row_shift", v.rowShift());
    m.put("source", v.source());
    m.put("baseline_image", v.baselineImage());
    m.put("current_image", v.currentImage());
    m.put("diff_image", v.diffImage());
    m.put("review_url", v.reviewUrl());
    m.put("note", v.note());
    m.put("quarantined", v.quarantined());
    m.put("review_state", v.reviewState().wire());
    m.put("actionable", v.actionable());
    m.put("content_hash", v.contentHash());
    return m;
  }
}
