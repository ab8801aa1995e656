package dev.visualreview.junit;

import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The failure message of a test whose snapshots need review, one block per snapshot. */
final class TestVerdictMessage {
  private TestVerdictMessage() {}

  static Optional<String> failureFor(
      String source, List<SnapshotVerdict> verdicts, Path reportDir) {
    List<SnapshotVerdict> failing =
        verdicts.stream()
            .filter(v -> v.actionable() && v.result() != SnapshotResult.UNCHANGED)
            .toList();
    if (failing.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out =
        new StringBuilder()
            .append(failing.size())
            .append(failing.size() == 1 ? " snapshot needs" : " snapshots need")
            .append(" review in ")
            .append(source)
            .append(':');
    for (SnapshotVerdict v : failing) {
      out.append("\n  ").append(v.result().wire()).append(": ").append(v.identifier());
      StringBuilder detail = new StringBuilder();
      if (v.diffPercentage() != null) {
        detail.append(String.format(Locale.ROOT, "%.2f%% diff", v.diffPercentage()));
      }
      if (!v.changeKind().isEmpty()) {
        detail.append(detail.length() > 0 ? ", " : "").append(v.changeKind());
      }
      if (v.sizeMismatch()) {
        detail.append(detail.length() > 0 ? ", " : "").append("size changed");
      }
      if (detail.length() > 0) {
        out.append(" (").append(detail).append(')');
      }
      appendImage(out, "baseline", v.baselineImage(), reportDir);
      appendImage(out, "current ", v.currentImage(), reportDir);
      appendImage(out, "diff    ", v.diffImage(), reportDir);
      if (!v.note().isEmpty()) {
        out.append("\n      ").append(v.note());
      }
    }
    out.append("\nAccept intended changes with -Dvisualreview.update=changed (local mode).");
    return Optional.of(out.toString());
  }

  /** Remarks on snapshots that pass but deserve a look, e.g. a newly recorded baseline. */
  static List<String> notices(List<SnapshotVerdict> verdicts) {
    return verdicts.stream()
        .filter(v -> !v.actionable() && v.result() != SnapshotResult.UNCHANGED)
        .filter(v -> !v.note().isEmpty())
        .map(v -> "Visual review: " + v.identifier() + ": " + v.note())
        .toList();
  }

  private static void appendImage(StringBuilder out, String label, String image, Path reportDir) {
    if (image != null && !image.isBlank()) {
      out.append("\n      ")
          .append(label)
          .append(": ")
          .append(reportDir.resolve(image).toAbsolutePath().normalize());
    }
  }
}
