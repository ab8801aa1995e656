package dev.visualreview.api.contract;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request the contract server received. The {@code Authorization} header is never stored: only
 * whether it carried the expected key ({@link #authorized()}) and its scheme.
 *
 * @param method the HTTP method
 * @param path the raw path, e.g. {@code /api/projects/2/visual_review/runs/}
 * @param query the raw query string, or empty
 * @param contentType the request's Content-Type header, or empty
 * @param authorized whether {@code Authorization: Bearer <the server's key>} was sent exactly
 * @param authScheme the first word of the Authorization header ({@code Bearer}) or empty
 * @param headers other headers (first values), Authorization excluded
 * @param body the body bytes
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    String contentType,
    boolean authorized,
    String authScheme,
    Map<String, String> headers,
    byte[] body) {

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query);
  }
}
