package dev.visualreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTest {

  @Test
  void writesWhatAJsonParserReadsBackFieldForField() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("baseline", "dir with \"quotes\", \\back\\slashes\\, a\ttab and é ü 日本");
    fields.put("current", "line\nbreak\rand\u0001control\u2028separator");
    fields.put("diff_percentage", 0.0219);
    fields.put("diff_pixel_count", 196L);
    fields.put("ssim", 0.9990793922788541);
    fields.put("row_shift", 0);
    fields.put("size_mismatch", false);

    String line = JsonLine.of(fields);
    JsonNode parsed = new ObjectMapper().readTree(line);

    assertThat(line).doesNotContain("\n", "\r");
    assertThat(parsed.get("baseline").asText()).isEqualTo(fields.get("baseline"));
    assertThat(parsed.get("current").asText()).isEqualTo(fields.get("current"));
    assertThat(parsed.get("diff_percentage").asDouble()).isEqualTo(0.0219);
    assertThat(parsed.get("diff_pixel_count").asLong()).isEqualTo(196);
    assertThat(parsed.get("ssim").asDouble()).isEqualTo(0.9990793922788541);
    assertThat(parsed.get("row_shift").asInt()).isZero();
    assertThat(parsed.get("size_mismatch").asBoolean()).isFalse();
    assertThat(line)
        .startsWith("{\"baseline\":")
        .contains("\"diff_pixel_count\":196,\"ssim\":0.9990793922788541");
  }
}
