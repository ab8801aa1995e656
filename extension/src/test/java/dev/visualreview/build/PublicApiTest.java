package dev.visualreview.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The public API (what the module exports) may only change on purpose: it is compared with the
 * recorded {@code extension/api/public-api.txt}, and a difference fails the build naming every
 * added and removed signature. After a deliberate change, re-record it with {@value #RECORD_HINT}
 * and commit the file with the change: the diff of that file is the API change a reviewer sees.
 */
class PublicApiTest {
  static final String RECORD_PROPERTY = "visualreview.api.record";
  static final String RECORD_HINT =
      "mvn -pl extension test -Dtest=PublicApiTest -Dvisualreview.api.record=true";
  static final Path BASELINE = Path.of("api", "public-api.txt");

  private static final String HEADER =
      """
      # The public API of visual-review-junit: everything module dev.visualreview exports.
      # Checked by PublicApiTest in every build. After a deliberate API change, re-record it with
      #   %s
      # and commit this file with the change. Removing or changing a line breaks users.
      """
          .formatted(RECORD_HINT);

  @Test
  void thePublicApiIsTheRecordedOne() throws Exception {
    List<String> current =
        PublicApi.of(ModuleDescriptorTest.library(), PublicApiTest.class.getClassLoader());
    assertThat(current).as("the API lister found the API").anyMatch(l -> l.contains("Snapshots"));

    if (Boolean.getBoolean(RECORD_PROPERTY)) {
      Files.createDirectories(BASELINE.toAbsolutePath().getParent());
      Files.writeString(
          BASELINE, HEADER + String.join("\n", current) + "\n", StandardCharsets.UTF_8);
      System.out.println("recorded the public API in " + BASELINE.toAbsolutePath());
      return;
    }

    assertThat(BASELINE).as("the recorded public API; record it with: " + RECORD_HINT).exists();
    List<String> recorded =
        Files.readAllLines(BASELINE, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    String difference = difference(recorded, current);
    assertThat(difference)
        .as(
            "the public API differs from %s. If the change is deliberate, re-record it with\n  %s\n"
                + "and commit the file; otherwise undo the change",
            BASELINE.toAbsolutePath(), RECORD_HINT)
        .isEmpty();
  }

  /** {@code - line} for each recorded line that is gone, {@code + line} for each new one. */
  static String difference(List<String> recorded, List<String> current) {
    Set<String> removed = new LinkedHashSet<>(recorded);
    current.forEach(removed::remove);
    Set<String> added = new LinkedHashSet<>(current);
    recorded.forEach(added::remove);
    List<String> out = new ArrayList<>();
    removed.forEach(line -> out.add("removed: " + line));
    added.forEach(line -> out.add("added:   " + line));
    return String.join("\n", out);
  }
}
