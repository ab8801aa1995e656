package dev.visualreview.cli;

import dev.visualreview.image.InvalidImageException;
import dev.visualreview.image.PngDecoder;
import dev.visualreview.image.PngEncoder;
import dev.visualreview.image.RgbaImage;
import dev.visualreview.image.diff.DiffOptions;
import dev.visualreview.image.diff.DiffResult;
import dev.visualreview.image.diff.PixelDiff;
import dev.visualreview.image.png.PngFile;
import dev.visualreview.image.png.PngHeader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code diff BASE CURRENT [--out DIFF.png] [--threshold T]} and {@code diff --batch LISTFILE}:
 * compares PNGs as the PostHog server does and prints one JSON object per pair (JSON Lines in batch
 * mode). A comparison that ran is a success (exit 0) whether or not the images changed; unreadable
 * or invalid input, images too large to compare, and a comparison that runs out of memory exit 2
 * with the reason on stderr (in batch mode after the other pairs were compared).
 */
final class DiffCommand implements Command {

  static final String USAGE =
      String.join(
          "\n",
          "usage: diff BASE.png CURRENT.png [--out DIFF.png] [--threshold T]",
          "       diff --batch LISTFILE [--threshold T]",
          "  LISTFILE has one pair per line: 'BASE CURRENT' (tab-separated when a path holds",
          "  spaces); blank lines and lines starting with # are skipped; relative paths are",
          "  resolved against the current directory.");

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("diff: " + e.getMessage() + "\n" + USAGE);
      return FAILURE;
    }
    DiffOptions options = DiffOptions.defaults().threshold(parsed.threshold());
    if (parsed.batch() != null) {
      return runBatch(parsed.batch(), options, out, err);
    }
    if (parsed.out() != null) {
      options = new DiffOptions(options.threshold(), options.detectAntiAliasing(), true);
    }
    try {
      Map<String, Object> json = compare(parsed.base(), parsed.current(), options, parsed.out());
      out.println(toJson(json));
      return OK;
    } catch (InputException e) {
      err.println("diff: " + e.getMessage());
      return FAILURE;
    }
  }

  private int runBatch(Path listFile, DiffOptions options, PrintStream out, PrintStream err) {
    List<String> lines;
    try {
      lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("diff: list file " + listFile + " does not exist");
      return FAILURE;
    } catch (IOException | UncheckedIOException e) {
      err.println("diff: cannot read list file " + listFile + ": " + e.getMessage());
      return FAILURE;
    }
    int failures = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = listFile + ":" + (i + 1);
      String[] pair = line.contains("\t") ? line.split("\t+") : line.split("\\s+");
      if (pair.length != 2) {
        err.println(
            "diff: "
                + where
                + ": expected 'BASE CURRENT', got "
                + pair.length
                + " field(s); separate paths that contain spaces with a tab");
        failures++;
        continue;
      }
      try {
        out.println(
            toJson(compare(Path.of(pair[0].strip()), Path.of(pair[1].strip()), options, null)));
      } catch (InputException | java.nio.file.InvalidPathException e) {
        // (an OutOfMemoryError has become an InputException, with advice, in compare)
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", pair[0].strip());
        json.put("current", pair[1].strip());
        json.put("error", e.getMessage());
        out.println(toJson(json));
        err.println("diff: " + where + ": " + e.getMessage());
        failures++;
      }
    }
    return failures == 0 ? OK : FAILURE;
  }

  private static Map<String, Object> compare(
      Path basePath, Path currentPath, DiffOptions options, Path diffOut) {
    byte[] basePng = read(basePath, "baseline");
    byte[] currentPng = read(currentPath, "current");
    PngHeader baseHeader = header(basePng, basePath, "baseline");
    PngHeader currentHeader = header(currentPng, currentPath, "current");
    try {
      PixelDiff.requireComparableSizes(
          baseHeader.width(), baseHeader.height(), currentHeader.width(), currentHeader.height());
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "cannot compare baseline "
              + basePath
              + " with current "
              + currentPath
              + ": "
              + e.getMessage());
    }
    if (diffOut != null) {
      createFolderOf(diffOut);
    }
    if (diffOut == null && Arrays.equals(basePng, currentPng)) {
      // Same bytes, same pixels: a screenshot of an unchanged page usually is. The file's chunks
      // and CRCs are still checked, as the suite's judging does before it skips decoding.
      requireIntact(basePng, basePath, "baseline");
      return toMap(
          basePath, currentPath, PixelDiff.samePixels(baseHeader.width(), baseHeader.height()));
    }
    DiffResult result;
    byte[] diffPng = null;
    try {
      RgbaImage base = decode(basePng, basePath, "baseline");
      basePng = null;
      RgbaImage current = decode(currentPng, currentPath, "current");
      currentPng = null;
      result = PixelDiff.compare(base, current, options);
      if (diffOut != null) {
        diffPng = PngEncoder.encode(result.diffImage());
      }
    } catch (OutOfMemoryError e) {
      throw new InputException(
          "not enough memory to compare baseline "
              + basePath
              + " ("
              + size(baseHeader)
              + ") with current "
              + currentPath
              + " ("
              + size(currentHeader)
              + "): the comparison "
              + HeapAdvice.advice(
                  neededBytes(baseHeader, currentHeader, diffOut != null),
                  diffOut != null ? "diff ... --out" : "diff"));
    }
    if (diffOut != null) {
      try {
        Files.write(diffOut, diffPng);
      } catch (IOException e) {
        throw new InputException("cannot write diff image " + diffOut + ": " + reason(e));
      }
    }
    Map<String, Object> json = toMap(basePath, currentPath, result);
    if (diffOut != null) {
      json.put("diff_image", diffOut.toString());
    }
    return json;
  }

  private static Map<String, Object> toMap(Path basePath, Path currentPath, DiffResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("baseline", basePath.toString());
    json.put("current", currentPath.toString());
    json.put("result", result.result());
    json.put("reason", result.reason());
    json.put("diff_percentage", result.diffPercentage());
    json.put("diff_pixel_count", result.diffPixelCount());
    json.put("ssim", result.ssim());
    json.put("change_kind", result.changeKind());
    json.put("size_mismatch", result.sizeMismatch());
    json.put("row_shift", result.rowShift());
    json.put("width", result.width());
    json.put("height", result.height());
    return json;
  }

  private static byte[] read(Path path, String role) {
    try {
      if (Files.isDirectory(path)) {
        throw new InputException(role + " image " + path + " is a folder, not a PNG file");
      }
      if (Files.size(path) > PngFile.MAX_FILE_BYTES) {
        throw new InputException(
            role
                + " image "
                + path
                + " is not a usable PNG: it is "
                + Files.size(path)
                + " bytes, over the 64 MiB limit PostHog accepts");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InputException(role + " image " + path + " does not exist");
    } catch (IOException e) {
      throw new InputException("cannot read " + role + " image " + path + ": " + reason(e));
    }
  }

  private static PngHeader header(byte[] png, Path path, String role) {
    try {
      return PngFile.readHeader(png);
    } catch (InvalidImageException e) {
      throw unusable(role, path, e);
    }
  }

  /** Checks the file's chunk structure and CRCs without decoding its pixels. */
  private static void requireIntact(byte[] png, Path path, String role) {
    try {
      PngFile.parse(png);
    } catch (InvalidImageException e) {
      throw unusable(role, path, e);
    }
  }

  private static RgbaImage decode(byte[] png, Path path, String role) {
    try {
      return PngDecoder.decode(png);
    } catch (InvalidImageException e) {
      throw unusable(role, path, e);
    }
  }

  private static InputException unusable(String role, Path path, InvalidImageException e) {
    return new InputException(role + " image " + path + " is not a usable PNG: " + e.getMessage());
  }

  /** Creates the folder the diff image goes into, or says why it cannot. */
  private static void createFolderOf(Path diffOut) {
    Path folder = diffOut.toAbsolutePath().getParent();
    if (folder == null || Files.isDirectory(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw new InputException(
          "cannot write diff image "
              + diffOut
              + ": "
              + e.getFile()
              + " is a file, not a folder; pass an --out path in a folder");
    } catch (IOException e) {
      throw new InputException(
          "cannot create the folder " + folder + " for diff image " + diffOut + ": " + reason(e));
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied (" + e.getMessage() + ")";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + " (" + fs.getFile() + ")";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String size(PngHeader h) {
    return h.width() + "x" + h.height();
  }

  /** Both images decoded, padded copies when their sizes differ, the diff image and its PNG. */
  private static long neededBytes(PngHeader base, PngHeader current, boolean diffImage) {
    long width = Math.max(base.width(), current.width());
    long height = Math.max(base.height(), current.height());
    long padded = width * height * 4;
    boolean mismatch = base.width() != current.width() || base.height() != current.height();
    return HeapAdvice.decodeBytes(base.width(), base.height())
        + (long) current.width() * current.height() * 4
        + (mismatch ? 2 * padded : 0)
        + (diffImage ? 2 * padded : 0);
  }

  private static String toJson(Map<String, Object> json) {
    return JsonLine.of(json);
  }

  /** Bad input for one comparison: its message is the reason printed on stderr. */
  private static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message);
    }
  }

  /** The parsed command line. */
  private record Arguments(Path base, Path current, Path out, Path batch, double threshold) {

    static Arguments parse(List<String> args) {
      List<String> positional = new ArrayList<>();
      Path out = null;
      Path batch = null;
      double threshold = DiffOptions.DEFAULT_THRESHOLD;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--out" -> out = Path.of(value(args, ++i, "--out"));
          case "--batch" -> batch = Path.of(value(args, ++i, "--batch"));
          case "--threshold" -> threshold = threshold(value(args, ++i, "--threshold"));
          default -> {
            if (arg.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            positional.add(arg);
          }
        }
      }
      if (batch != null) {
        if (!positional.isEmpty() || out != null) {
          throw new IllegalArgumentException(
              "--batch takes only a list file (no BASE CURRENT, no --out)");
        }
        return new Arguments(null, null, null, batch, threshold);
      }
      if (positional.size() != 2) {
        throw new IllegalArgumentException(
            "expected two PNG files (BASE CURRENT), got " + positional.size());
      }
      return new Arguments(
          Path.of(positional.get(0)), Path.of(positional.get(1)), out, null, threshold);
    }

    private static String value(List<String> args, int index, String option) {
      if (index >= args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args.get(index);
    }

    private static double threshold(String text) {
      try {
        double t = Double.parseDouble(text);
        if (t >= 0 && t <= 1) {
          return t;
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
      throw new IllegalArgumentException(
          "--threshold must be a number between 0 and 1 (the server uses 0.1), got '" + text + "'");
    }
  }
}
