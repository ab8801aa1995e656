package dev.visualreview.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visualreview.report.ResultJson;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.ClassificationReason;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.OutcomeRules;
import dev.visualreview.run.ReviewState;
import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.RunStatus;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import dev.visualreview.run.VerdictBuilder;
import dev.visualreview.run.config.Mode;
import dev.visualreview.run.config.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code result.json} read back into a {@link RunOutcome} ({@link ResultJson} writes it): the
 * verdict and conclusion are those the outcome rules give its facts, so a rewritten report says the
 * same as the run did.
 */
final class ResultJsonReader {
  private ResultJsonReader() {}

  /**
   * The run a {@code result.json} tree describes.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static ReportFolder.LastRun parse(JsonNode root) {
    int schema = root.path("schema_version").asInt(-1);
    if (schema > ResultJson.SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "it has schema version "
              + schema
              + ", written by a newer visual-review-junit than this one ("
              + ResultJson.SCHEMA_VERSION
              + ")");
    }
    Mode mode = parseMode(text(root, "mode"));
    RunStatus status = parseStatus(text(root, "status"));
    Purpose purpose = "observe".equals(text(root, "purpose")) ? Purpose.OBSERVE : Purpose.REVIEW;
    Verdict verdict = parseVerdict(text(root, "verdict"));
    List<SnapshotVerdict> verdicts = new ArrayList<>();
    JsonNode list = root.path("snapshots");
    if (!list.isArray()) {
      throw new IllegalArgumentException("it has no \"snapshots\" list");
    }
    for (JsonNode s : list) {
      verdicts.add(verdict(s));
    }
    RunOutcome.Builder facts =
        RunOutcome.builder(mode)
            .runId(text(root, "run_id"))
            .status(status)
            .purpose(purpose)
            .run(text(root, "run_type"), text(root, "branch"), text(root, "commit_sha"))
            .counts(counts(root.path("counts"), verdicts))
            .snapshots(verdicts)
            .reviewUrl(text(root, "review_url"))
            .errorMessage(text(root, "error_message"));
    boolean tolerateDrift = purpose == Purpose.OBSERVE && verdict == Verdict.WARN;
    RunOutcome outcome =
        switch (status) {
          case COMPLETED -> OutcomeRules.decide(facts, tolerateDrift);
          case FAILED ->
              facts.verdict(Verdict.FAIL, 1).conclusion(new Conclusion.RunFailed()).build();
          case SKIPPED ->
              facts
                  .verdict(Verdict.WARN, 0)
                  .conclusion(new Conclusion.NotReviewed(nullToEmpty(text(root, "error_message"))))
                  .build();
          case ERROR ->
              facts
                  .verdict(Verdict.ERROR, 2)
                  .conclusion(
                      new Conclusion.CouldNotFinish(
                          List.of(nullToEmpty(text(root, "error_message"))), false))
                  .build();
          case PENDING ->
              facts
                  .verdict(verdict, root.path("exit_code").asInt(0))
                  .conclusion(new Conclusion.ShardAdded(verdicts.size(), 0))
                  .build();
        };
    JsonNode partial = root.has("partial") ? root.get("partial") : root.path("is_partial");
    if (partial.isBoolean()) {
      outcome = outcome.toBuilder().partial(partial.booleanValue()).build();
    }
    return new ReportFolder.LastRun(
        outcome,
        partial.isBoolean() ? Optional.of(partial.booleanValue()) : Optional.empty(),
        tolerateDrift);
  }

  private static SnapshotVerdict verdict(JsonNode s) {
    String id = text(s, "identifier");
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a snapshot has no identifier");
    }
    SnapshotResult result = SnapshotResult.fromWire(text(s, "result"));
    return VerdictBuilder.verdict(id, result)
        .reason(ClassificationReason.fromWire(nullToEmpty(text(s, "classification_reason"))))
        .kind(ChangeKind.fromWire(nullToEmpty(text(s, "change_kind"))))
        .diff(
            number(s, "diff_percentage"),
            s.path("diff_pixel_count").isNumber() ? s.get("diff_pixel_count").longValue() : null)
        .ssim(number(s, "ssim"))
        .sizeMismatch(s.path("size_mismatch").asBoolean(false))
        .rowShift(s.path("row_shift").isNumber() ? s.get("row_shift").intValue() : null)
        .source(text(s, "source"))
        .baseline(text(s, "baseline_image"))
        .current(text(s, "current_image"))
        .diffImage(text(s, "diff_image"))
        .reviewUrl(text(s, "review_url"))
        .note(text(s, "note"))
        .quarantined(s.path("quarantined").asBoolean(false))
        .reviewState(ReviewState.fromWire(text(s, "review_state")))
        .contentHash(text(s, "content_hash"))
        .build();
  }

  private static RunCounts counts(JsonNode c, List<SnapshotVerdict> verdicts) {
    if (!c.isObject()) {
      return RunCounts.of(verdicts);
    }
    return new RunCounts(
        c.path("total").asInt(),
        c.path("unchanged").asInt(),
        c.path("changed").asInt(),
        c.path("new").asInt(),
        c.path("removed").asInt(),
        c.path("unresolved").asInt());
  }

  private static Mode parseMode(String mode) {
    if ("local".equals(mode)) {
      return Mode.LOCAL;
    }
    if ("posthog".equals(mode)) {
      return Mode.POSTHOG;
    }
    throw new IllegalArgumentException("its mode is '" + mode + "', expected local or posthog");
  }

  private static RunStatus parseStatus(String status) {
    for (RunStatus s : RunStatus.values()) {
      if (s.wire().equals(status)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "its status is '" + status + "', expected pending, completed, failed or skipped");
  }

  private static Verdict parseVerdict(String verdict) {
    try {
      return Verdict.valueOf(nullToEmpty(verdict).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "its verdict is '" + verdict + "', expected pass, warn or fail");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? v.doubleValue() : null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
