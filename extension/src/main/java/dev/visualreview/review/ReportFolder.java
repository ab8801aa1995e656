package dev.visualreview.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.report.ReportImages;
import dev.visualreview.report.Reports;
import dev.visualreview.run.RunOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
      return ResultJsonReader.parse(root);
    } catch (IllegalArgumentException e) {
      throw unusable(file, e.getMessage());
    }
  }

  private static ReviewException unusable(Path file, String why) {
    return ReviewException.badInput(
        file + " cannot be reviewed: " + why + ". Run the visual tests again to rewrite it.");
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
