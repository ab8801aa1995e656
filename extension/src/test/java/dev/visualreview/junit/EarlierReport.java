package dev.visualreview.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report an earlier, passing build left in a report folder. */
final class EarlierReport {
  /** Text only the earlier report contains. */
  static final String MARKER = "earlier-build-passed";

  private EarlierReport() {}

  static void passed(Path reportDir) throws IOException {
    Files.createDirectories(reportDir);
    Files.writeString(
        reportDir.resolve("result.json"),
        "{\"schema_version\": 1, \"verdict\": \"pass\", \"summary\": \"" + MARKER + "\"}\n");
    Files.writeString(
        reportDir.resolve("index.html"), "<html><title>PASS</title>" + MARKER + "</html>\n");
  }

  static JsonNode result(Path reportDir) throws IOException {
    return new ObjectMapper().readTree(reportDir.resolve("result.json").toFile());
  }

  static String page(Path reportDir) throws IOException {
    return Files.readString(reportDir.resolve("index.html"));
  }
}
