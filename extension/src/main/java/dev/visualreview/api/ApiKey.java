package dev.visualreview.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A PostHog personal API key. It prints itself as {@code ApiKey[***]} and is only ever read by the
 * client when it builds the {@code Authorization} header, so it cannot leak through a log line, an
 * exception message or a record's {@code toString()}.
 */
public final class ApiKey {
  /** Where a key came from when the caller does not say: the extension's two places. */
  static final String DEFAULT_SOURCE =
      "the POSTHOG_PERSONAL_API_KEY environment variable or the visualreview.posthog.apiKey"
          + " setting";

  private final String value;
  private final String source;
  private final SecretRedactor redactor;

  private ApiKey(String value, String source) {
    this.value = value;
    this.source = source;
    this.redactor = new SecretRedactor(value);
  }

  /**
   * Wraps a key, trimming the whitespace and newline that CI secrets often carry.
   *
   * @throws IllegalArgumentException when the key is null or blank
   */
  public static ApiKey of(String raw) {
    return of(raw, DEFAULT_SOURCE);
  }

  /**
   * Wraps a key and says where it was read, e.g. {@code "the environment variable
   * POSTHOG_PERSONAL_API_KEY"}: a rejected key's message names that place, so the user fixes the
   * one the program actually read.
   *
   * @throws IllegalArgumentException when the key is null or blank
   */
  public static ApiKey of(String raw, String source) {
    String from = source == null || source.isBlank() ? DEFAULT_SOURCE : source;
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(
          "the PostHog personal API key is empty: set "
              + from
              + " to a key with the visual_review:write scope");
    }
    return new ApiKey(raw.trim(), from);
  }

  /** Where the key was read (never the key itself). */
  public String source() {
    return source;
  }

  /** The header value {@code Bearer <key>}; package-private so only the client can read it. */
  String bearer() {
    return "Bearer " + value;
  }

  /**
   * Replaces every trace of this key in {@code text} (text that came from elsewhere) by {@code
   * ***}: the key itself, JSON-, percent- or HTML-escaped, base64-encoded, and any run of 8 or more
   * of its characters (an echoed prefix, or a key split across two fields). See {@link
   * SecretRedactor}.
   */
  public String redact(String text) {
    return redactor.redact(text);
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
