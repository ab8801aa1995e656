package dev.visualreview.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {
  @Test
  void valuesStayOnTheirLine() {
    assertThat(ConsoleText.inline("a\nb\r\nc\u2028d\u0085e\u0007f\tg"))
        .isEqualTo("a\\nb\\r\\nc\\u2028d\\u0085e\\u0007f\tg");
    assertThat(ConsoleText.inline("Plain--id_1")).isEqualTo("Plain--id_1");
    assertThat(ConsoleText.inline(null)).isEmpty();
  }

  @Test
  void linesThatWouldBeWorkflowCommandsAreDefused() {
    String text =
        "Visual review: x\n::add-mask::secret\n  ::error::a\n\u00a0::warning::b\r##[error]c\n"
            + "fine :: in the middle\n";
    assertThat(ConsoleText.defuse(text))
        .isEqualTo(
            "Visual review: x\n| ::add-mask::secret\n|   ::error::a\n| \u00a0::warning::b\r"
                + "| ##[error]c\nfine :: in the middle\n");
    assertThat(ConsoleText.defuse("no commands here")).isEqualTo("no commands here");
  }
}
