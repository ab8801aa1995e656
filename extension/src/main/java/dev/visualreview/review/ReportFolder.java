package dev.visualreview.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.report.ReportImages;
import dev.visualreview.report.Reports;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's report folder as {@code review} sees it: {@code result.json} read back into a {@link
 * RunOutcome}, the images the run kept, and the pages rewritten after a review.
 */
public final class ReportFolder {
  /** result.json is read up to this size; a real one is far smaller. */
  static final long MAX_RESULT_BYTES = 64L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public ReportFolder(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The folder, absolute. */
  public Path dir() {
    return dir;
  }

  /** The {@code result.json} of this folder. */
  public Path resultJson() {
    return dir.resolve(Reports.RESULT_JSON);
  }

  /** Whether the folder has a {@code result.json}. */
  public boolean exists() {
    return Files.isRegularFile(resultJson());
  }

  /**
   * The last run as {@code result.json} describes it.
   *
   * @param outcome the outcome, with the verdict and conclusion the outcome rules give its facts
   * @param partial whether the run covered only part of the suite; empty when the report does not
   *     say
   * @param tolerateDrift whether observe drift only warned in that run
   */
  public record LastRun(RunOutcome outcome, Optional<Boolean> partial, boolean tolerateDrift) {}

  /**
   * Reads {@code result.json}.
   *
   * @throws ReviewException naming the file and the problem when it is missing or unusable
   */
  public LastRun read() {
    Path file = resultJson();
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_RESULT_BYTES + 1);
      if (bytes.length > MAX_RESULT_BYTES) {
        throw unusable(file, "it is larger than " + (MAX_RESULT_BYTES >> 20) + " MiB");
      }
      root = JSON.readTree(bytes);
    } catch (NoSuchFileException e) {
      throw ReviewException.badInput(
          "no report at "
              + file
              + ": run the visual tests first (e.g. mvn verify), or point --dir or --report-dir"
              + " at the folder that has it");
    } catch (JsonProcessingException e) {
      throw unusable(file, "it is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new ReviewException(
          ReviewException.Kind.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw unusable(file, "it is not a JSON object");
    }
    try {
      return parse(root);
    } catch (IllegalArgumentException e) {
      throw unusable(file, e.getMessage());
    }
  }

  private static ReviewException unusable(Path file, String why) {
    return ReviewException.badInput(
        file + " cannot be reviewed: " + why + ". Run the visual tests again to rewrite it.");
  }

  private static LastRun parse(JsonNode root) {
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
          case PENDING ->
              facts
                  .verdict(verdict, root.path("exit_code").asInt(0))
                  .conclusion(new Conclusion.ShardAdded(verdicts.size(), 0))
                  .build();
        };
    JsonNode partial = root.has("partial") ? root.get("partial") : root.path("is_partial");
    return new LastRun(
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

  /** Rewrites {@code result.json} and {@code index.html} for an outcome. */
  public void write(RunOutcome outcome) {
    Reports.write(outcome, dir);
  }

  /**
   * An image the run kept, by its path relative to the folder (as {@code result.json} names it).
   * Only files under {@code images/} are handed out: a path that climbs out, is absolute, or leads
   * through a link to somewhere else is refused (empty).
   */
  public Optional<Path> image(String relative) {
    if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    String p = relative.replace('\\', '/');
    if (p.startsWith("/") || p.contains(":")) {
      return Optional.empty();
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    Path images = dir.resolve(ReportImages.FOLDER);
    Path file = dir.resolve(p).normalize();
    if (!file.startsWith(images) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (!file.toRealPath().startsWith(images.toRealPath())) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /** The bytes of an image the run kept, or empty when there is no such image. */
  public Optional<byte[]> readImage(String relative) {
    Optional<Path> file = image(relative);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file.get()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.get() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ReportFolder[" + dir + "]";
  }
}
