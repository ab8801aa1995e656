package dev.visualreview.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link ApiKey#redact}: the key in every form a server, a proxy or a log can give it. */
class SecretRedactorTest {
  private static final String KEY = "phx_Q7rT2mYp9LkZ3vWx8NcB1dFh6JsG4aEe0uIo5HyXqPw";
  private final ApiKey key = ApiKey.of(KEY);

  private String redacted(String text) {
    String out = key.redact(text);
    assertThat(KeyTraces.in(out, KEY)).as("what is left of: %s", out).isEmpty();
    return out;
  }

  @Test
  void thePlainKeyIsReplaced() {
    assertThat(redacted("you sent: Bearer " + KEY + ".")).isEqualTo("you sent: Bearer ***.");
  }

  @Test
  void aJsonEscapedKeyIsFoundThroughTheEscapes() {
    String escaped = KEY.replace("_", "\\u005f");
    assertThat(redacted("{\"detail\":\"you sent: Bearer " + escaped + "\"}"))
        .isEqualTo("{\"detail\":\"you sent: Bearer ***\"}");
    String everyChar =
        KEY.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
    assertThat(redacted("token " + everyChar + " rejected")).isEqualTo("token *** rejected");
    // JSON inside a JSON string: the escape is escaped once more
    assertThat(redacted("{\"detail\":\"{\\\"k\\\":\\\"phx\\\\u005f" + KEY.substring(4) + "\"}"))
        .isEqualTo("{\"detail\":\"{\\\"k\\\":\\\"***\"}");
  }

  @Test
  void aPercentEncodedKeyIsFound() {
    assertThat(redacted("GET /x?token=" + KEY.replace("_", "%5F") + "&y=1"))
        .isEqualTo("GET /x?token=***&y=1");
    String everyChar =
        KEY.chars().mapToObj(c -> String.format("%%%02X", c)).collect(Collectors.joining());
    assertThat(redacted("token=" + everyChar)).isEqualTo("token=***");
    // encoded twice: %255F
    assertThat(redacted("t=" + KEY.replace("_", "%255F"))).isEqualTo("t=***");
    assertThat(redacted(URLEncoder.encode("Bearer " + KEY, StandardCharsets.UTF_8)))
        .isEqualTo("Bearer+***");
  }

  @Test
  void htmlCharacterReferencesAreSeenThrough() {
    assertThat(redacted("<title>" + KEY.replace("_", "&#95;") + "</title>"))
        .isEqualTo("<title>***</title>");
    assertThat(redacted("<p>" + KEY.replace("_", "&lowbar;") + "</p>")).isEqualTo("<p>***</p>");
    assertThat(redacted("<p>&#x70;&#x68;&#x78;" + KEY.substring(3) + "</p>"))
        .isEqualTo("<p>***</p>");
  }

  @Test
  void aKeySplitAcrossFieldsOrLinesLosesEveryPiece() {
    String split =
        "{\"detail\":\"you sent "
            + KEY.substring(0, 20)
            + "\",\n\"hint\":\""
            + KEY.substring(20)
            + "\"}";
    assertThat(redacted(split)).isEqualTo("{\"detail\":\"you sent ***\",\n\"hint\":\"***\"}");
    assertThat(redacted("line one " + KEY.substring(0, 25) + "\n" + KEY.substring(25) + " end"))
        .isEqualTo("line one ***\n*** end");
  }

  @Test
  void aPartlyEchoedKeyIsRemovedDownToEightCharacters() {
    assertThat(redacted("key " + KEY.substring(0, 12) + "… is invalid"))
        .isEqualTo("key ***… is invalid");
    assertThat(redacted("key ending in " + KEY.substring(KEY.length() - 9)))
        .isEqualTo("key ending in ***");
    // seven characters say too little about a 47-character key to be worth hiding
    assertThat(key.redact("prefix " + KEY.substring(0, 7) + " only"))
        .isEqualTo("prefix " + KEY.substring(0, 7) + " only");
  }

  @Test
  void base64InAnyAlignmentIsFound() {
    for (String prefix : new String[] {"", "u:", "us:", "user:"}) {
      String basic =
          Base64.getEncoder().encodeToString((prefix + KEY).getBytes(StandardCharsets.UTF_8));
      String out = redacted("Authorization: Basic " + basic);
      assertThat(out).startsWith("Authorization: Basic ").contains("***");
      String urlSafe =
          Base64.getUrlEncoder().encodeToString((prefix + KEY).getBytes(StandardCharsets.UTF_8));
      redacted("token=" + urlSafe);
    }
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text =
        "PostHog rejected the API key (HTTP 401 on GET /api/projects/2/visual_review/repos/):"
            + " Invalid personal API key. 50% done &amp; \\n <b>ok</b> %zz &#xzz; \\u12";
    assertThat(key.redact(text)).isEqualTo(text);
    assertThat(key.redact(null)).isNull();
    assertThat(key.redact("")).isEmpty();
  }

  @Test
  void shortKeysAreMatchedWholeOnly() {
    ApiKey shortKey = ApiKey.of("k-123456");
    assertThat(shortKey.redact("sent k-123456 and k-12345")).isEqualTo("sent *** and k-12345");
    assertThat(ApiKey.of("abc").redact("abc")).isEqualTo("abc");
  }

  @Test
  void aLargeBodyIsRedactedToo() {
    StringBuilder body = new StringBuilder("<html><body>");
    while (body.length() < 1_000_000) {
      body.append("<p>Lorem ipsum dolor sit amet, consectetur &amp; adipiscing %20 elit</p>\n");
    }
    body.append(KEY.replace("_", "&#95;")).append("</body></html>");
    String out = key.redact(body.toString());
    assertThat(out).endsWith("***</body></html>");
    assertThat(KeyTraces.in(out, KEY)).isEmpty();
  }
}
