package dev.visualreview.junit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.visualreview.run.GateDecision;
import dev.visualreview.run.SessionEnding;
import dev.visualreview.run.config.VisualReviewConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Writes the end-of-suite reports and tells the Platform listener where they are. */
final class SuiteReports {
  private SuiteReports() {}

  static void write(
      SessionEnding ending,
      GateDecision decision,
      VisualReviewConfig config,
      Map<String, String> environment,
      ExtensionContext root) {
    Path resultJson = null;
    if (ending.outcome() != null) {
      resultJson = config.reportDir().resolve("result.json");
      try {
        Files.createDirectories(config.reportDir());
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(resultJson.toFile(), ending.outcome());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + resultJson + ": " + e.getMessage(), e);
      }
    }
    if (!decision.fail() && !decision.message().isBlank()) {
      System.out.println(decision.message());
    }
    String verdict =
        ending.outcome() != null
            ? ending.outcome().verdict().name()
            : decision.fail() ? "FAIL" : ending.runId() != null ? "SHARD_ADDED" : "NONE";
    root.publishReportEntry(SuiteRegistry.REPORT_ENTRY_VERDICT, verdict);
    if (resultJson != null) {
      root.publishReportEntry(
          SuiteRegistry.REPORT_ENTRY_REPORT, resultJson.toAbsolutePath().toString());
    }
  }
}
