package dev.visualreview.report;

import dev.visualreview.run.RunOutcome;
import dev.visualreview.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's report folder: {@code result.json} and {@code index.html}. Images are referenced
 * by paths relative to the folder (the local backend writes them there), so the folder can be
 * zipped as a CI artifact and opened anywhere. A report is never left from an earlier run: when a
 * file cannot be written, the earlier one is removed, and the error says what happened to it.
 */
public final class Reports {
  /** The default report folder, relative to the working directory. */
  public static final Path DEFAULT_DIRECTORY = Path.of("target", "visual-review");

  /** File name of the machine-readable result. */
  public static final String RESULT_JSON = "result.json";

  /** File name of the HTML report. */
  public static final String INDEX_HTML = "index.html";

  /** How report files reach the disk; tests replace it to fail like a full or read-only disk. */
  interface Disk {
    /** Creates the folder (and its parents) if needed. */
    void createDirectories(Path dir) throws IOException;

    /** Replaces {@code target} with {@code content}, atomically. */
    void write(Path target, String content) throws IOException;

    /** Deletes {@code file} if it exists; true when it did. */
    boolean deleteIfExists(Path file) throws IOException;
  }

  static final Disk DISK =
      new Disk() {
        @Override
        public void createDirectories(Path dir) throws IOException {
          Files.createDirectories(dir);
        }

        @Override
        public void write(Path target, String content) throws IOException {
          AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean deleteIfExists(Path file) throws IOException {
          return Files.deleteIfExists(file);
        }
      };

  private Reports() {}

  /**
   * Writes {@code result.json} and {@code index.html} into {@code reportDir} (created if needed).
   *
   * @return the path of {@code index.html}
   * @throws UncheckedIOException when a file cannot be written; the message names the folder, the
   *     reason and the fix, and says whether the earlier report there was removed
   */
  public static Path write(RunOutcome outcome, Path reportDir) {
    // what a writer killed mid-write (kill -9, a crashed fork) left here
    AtomicFiles.removeStale(reportDir, 1);
    return write(outcome, reportDir, DISK);
  }

  static Path write(RunOutcome outcome, Path reportDir, Disk disk) {
    Path json = reportDir.resolve(RESULT_JSON);
    Path index = reportDir.resolve(INDEX_HTML);
    List<Path> pending = new ArrayList<>(List.of(json, index));
    try {
      disk.createDirectories(reportDir);
      disk.write(json, ResultJson.render(outcome));
      pending.remove(json);
      disk.write(index, HtmlReport.render(outcome));
      return index;
    } catch (IOException | RuntimeException e) {
      String reason = reason(e);
      throw new UncheckedIOException(
          "cannot write the visual review report to "
              + reportDir
              + ": "
              + reason
              + ": make the folder writable (and check the disk has space) or configure another"
              + " one with visualreview.reportDir"
              + removeStale(pending, disk),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Removes the report files of an earlier run from a folder this suite writes no report to (a
   * re-run that sent nothing). Best effort: what cannot be removed is left, and said so in the
   * returned text (empty when nothing was there or all was removed).
   */
  public static String removeEarlierReport(Path reportDir) {
    String said =
        removeStale(List.of(reportDir.resolve(RESULT_JSON), reportDir.resolve(INDEX_HTML)), DISK);
    return said.isEmpty() ? "" : said.substring(2);
  }

  /** What went wrong, without repeating the file name a file system error puts in front. */
  private static String reason(Exception e) {
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Deletes files of an earlier run; says what was removed or could not be. */
  private static String removeStale(List<Path> files, Disk disk) {
    List<String> removed = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (Path file : files) {
      try {
        if (disk.deleteIfExists(file)) {
          removed.add(file.getFileName().toString());
        }
      } catch (IOException | RuntimeException e) {
        left.add(file.getFileName() + " (" + reason(e) + ")");
      }
    }
    StringBuilder b = new StringBuilder();
    if (!removed.isEmpty()) {
      b.append(". The earlier run's ")
          .append(String.join(" and ", removed))
          .append(removed.size() == 1 ? " there was" : " there were")
          .append(" removed, so no report there describes an earlier run as this one");
    }
    if (!left.isEmpty()) {
      b.append(". The earlier run's ")
          .append(String.join(" and ", left))
          .append(" could not be removed: ")
          .append(left.size() == 1 ? "it describes" : "they describe")
          .append(" an earlier run, not this one");
    }
    return b.toString();
  }
}
