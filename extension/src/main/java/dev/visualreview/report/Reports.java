package dev.visualreview.report;

import dev.visualreview.run.RunOutcome;
import dev.visualreview.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's report folder: {@code result.json} and {@code index.html}. Images are referenced
 * by paths relative to the folder (the local backend writes them there), so the folder can be
 * zipped as a CI artifact and opened anywhere.
 */
public final class Reports {
  /** The default report folder, relative to the working directory. */
  public static final Path DEFAULT_DIRECTORY = Path.of("target", "visual-review");

  /** File name of the machine-readable result. */
  public static final String RESULT_JSON = "result.json";

  /** File name of the HTML report. */
  public static final String INDEX_HTML = "index.html";

  private Reports() {}

  /**
   * Writes {@code result.json} and {@code index.html} into {@code reportDir} (created if needed).
   *
   * @return the path of {@code index.html}
   */
  public static Path write(RunOutcome outcome, Path reportDir) {
    try {
      Files.createDirectories(reportDir);
      writeAtomically(reportDir.resolve(RESULT_JSON), ResultJson.render(outcome));
      Path index = reportDir.resolve(INDEX_HTML);
      writeAtomically(index, HtmlReport.render(outcome));
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the visual review report to "
              + reportDir
              + ": "
              + e.getMessage()
              + ": make the folder writable or configure another report directory",
          e);
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
  }
}
