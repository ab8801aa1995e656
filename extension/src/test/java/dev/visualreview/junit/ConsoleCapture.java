package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the suite printed on {@code System.out} while a fixture ran. */
final class ConsoleCapture {
  private final PrintStream original = System.out;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private ConsoleCapture() {}

  static ConsoleCapture start() {
    ConsoleCapture c = new ConsoleCapture();
    System.setOut(new PrintStream(c.bytes, true, StandardCharsets.UTF_8));
    return c;
  }

  void stop() {
    System.setOut(original);
    original.print(text());
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Asserts that no line of {@code text} is a GitHub Actions workflow command (the runner trims
   * white space, Unicode included, before looking for {@code ::}) except the library's own
   * annotations, which start with one of {@code allowed}.
   */
  static void assertNoWorkflowCommandsBut(String text, List<String> allowed) {
    for (String line : text.split("\\r\\n|\\r|\\n|\\u0085|\\u2028|\\u2029", -1)) {
      String trimmed = line.replaceFirst("^[\\s\\p{Z}]+", "");
      if (allowed.stream().anyMatch(line::startsWith)) {
        continue;
      }
      assertThat(trimmed)
          .as("a console line that GitHub Actions would run as a command, in:\n" + text)
          .doesNotStartWith("::")
          .doesNotStartWith("##[");
    }
  }
}
