package dev.visualreview.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The images the HTML report shows, under {@code <reportDir>/images/<identifier>/}: {@code
 * baseline.png}, {@code current.png} and {@code diff.png}. Paths handed out are relative to the
 * report folder, so the folder can be moved or zipped as a whole.
 */
public final class ReportImages {
  /** The images folder inside the report folder. */
  public static final String FOLDER = "images";

  private final Path reportDir;

  public ReportImages(Path reportDir) {
    this.reportDir = reportDir.toAbsolutePath().normalize();
  }

  /** The report folder, absolute. */
  public Path reportDir() {
    return reportDir;
  }

  /** Removes the images of an earlier run, so the folder shows only this one. */
  public void clear() {
    Path images = reportDir.resolve(FOLDER);
    if (!Files.isDirectory(images)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(images)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot clear old report images in " + images + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes one image and returns its path relative to the report folder.
   *
   * @param role {@code baseline}, {@code current} or {@code diff}
   */
  public String write(String identifier, String role, byte[] png) {
    String relative = FOLDER + "/" + folderName(identifier) + "/" + role + ".png";
    Path target = reportDir.resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, png);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write report image "
              + target
              + ": "
              + e.getMessage()
              + ": make the report folder writable or configure another one",
          e);
    }
    return relative;
  }

  /** Absolute path of a relative report path. */
  public Path resolve(String relative) {
    return reportDir.resolve(relative);
  }

  private static String folderName(String identifier) {
    String safe = identifier.replaceAll("[^A-Za-z0-9_-]", "-");
    if (safe.equals(identifier) && !safe.isEmpty()) {
      return safe;
    }
    return (safe.isEmpty() ? "snapshot" : safe) + "-" + Integer.toHexString(identifier.hashCode());
  }
}
