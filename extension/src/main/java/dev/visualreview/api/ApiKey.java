package dev.visualreview.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A PostHog personal API key. It prints itself as {@code ApiKey[***]} and is only ever read by the
 * client when it builds the {@code Authorization} header, so it cannot leak through a log line, an
 * exception message or a record's {@code toString()}.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Wraps a key, trimming the whitespace and newline that CI secrets often carry.
   *
   * @throws IllegalArgumentException when the key is null or blank
   */
  public static ApiKey of(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(
          "the PostHog personal API key is empty: set POSTHOG_PERSONAL_API_KEY (or the"
              + " visualreview.posthog.apiKey setting) to a key with the visual_review:write scope");
    }
    return new ApiKey(raw.trim());
  }

  /** The header value {@code Bearer <key>}; package-private so only the client can read it. */
  String bearer() {
    return "Bearer " + value;
  }

  /** Replaces every occurrence of this key in {@code text}, for text that came from elsewhere. */
  public String redact(String text) {
    if (text == null || value.length() < 4) {
      return text;
    }
    return text.replace(value, "***");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), key.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return ApiKey.class.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[***]";
  }
}
