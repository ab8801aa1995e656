package dev.visualreview.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Sends API requests with the key, reads their JSON answers, and retries: 5xx and 429 up to {@code
 * maxRetries} times after 1 s, 2 s, 4 s (or the server's integer {@code Retry-After}); network
 * failures and 2xx answers whose body is not JSON (truncated, empty, a proxy's HTML page) only for
 * requests that are safe to repeat, and refused connections (nothing reached the server) for all.
 * Every answer is decoded and then stripped of the API key ({@link RedactedJson}) before the client
 * sees it.
 */
final class Transport {
  /** The longest {@code Retry-After} we honour, so a broken header cannot hang a build. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final ApiSettings settings;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Consumer<String> log;
  private final String basePath;

  Transport(ApiSettings settings, HttpClient http, Sleeper sleeper, Consumer<String> log) {
    this.settings = settings;
    this.http = http;
    this.sleeper = sleeper;
    this.log = log;
    this.basePath = URI.create(settings.baseUrl()).getRawPath();
  }

  /**
   * One API call: method, path below {@code /visual_review}, query, JSON body (or null), and
   * whether sending it twice is harmless (GETs; {@code complete} and {@code add-snapshots}, which
   * the protocol makes idempotent).
   */
  record Call(
      String method, String path, Map<String, String> query, byte[] body, boolean safeToRepeat) {}

  /** A 2xx answer: its status, its path, and its body decoded as JSON with the key removed. */
  record Response(int status, String path, JsonNode json) {}

  Response send(Call call) {
    URI url =
        HostPolicy.withoutNameLookup(
            URI.create(settings.baseUrl() + call.path() + queryString(call.query())));
    String path = basePath + call.path();
    int maxRetries = settings.maxRetries();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> response;
      try {
        response = http.send(request(call, url), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        boolean neverReached = e instanceof ConnectException;
        if ((call.safeToRepeat() || neverReached) && attempt < maxRetries) {
          Duration delay = backoff(attempt);
          waitToRetry(delay, call, path, attempt, ConnectionProblems.describe(e, http, url));
          continue;
        }
        throw connectionFailed(call, path, ConnectionProblems.describe(e, http, url), e, attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectionFailedException(
            "interrupted while waiting for " + call.method() + " " + path, call.method(), path, e);
      }
      int status = response.statusCode();
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (status >= 200 && status < 300) {
        Decoded decoded = decode(contentType, response.body());
        if (decoded.json() != null) {
          return new Response(status, path, RedactedJson.redact(decoded.json(), settings.apiKey()));
        }
        String problem = "HTTP " + status + " with a body that " + decoded.problem();
        if (call.safeToRepeat() && attempt < maxRetries) {
          Duration delay = backoff(attempt);
          waitToRetry(delay, call, path, attempt, problem);
          continue;
        }
        throw malformed(call, path, status, decoded.problem(), attempt);
      }
      if ((status >= 500 || status == 429) && attempt < maxRetries) {
        Duration delay = retryAfter(response).orElse(backoff(attempt));
        waitToRetry(delay, call, path, attempt, "HTTP " + status);
        continue;
      }
      throw ErrorResponses.forStatus(
          call.method(),
          path,
          status,
          contentType,
          response.body(),
          settings.apiKey(),
          settings.projectId(),
          attempt);
    }
  }

  /** A 2xx body: the JSON object or array it holds, or else what is wrong with it. */
  private record Decoded(JsonNode json, String problem) {}

  private Decoded decode(String contentType, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return new Decoded(null, "is empty");
    }
    try {
      JsonNode node = Json.mapper().readTree(text);
      if (node != null && (node.isObject() || node.isArray())) {
        return new Decoded(node, null);
      }
      return new Decoded(null, "is not a JSON object");
    } catch (JsonProcessingException e) {
      ErrorResponses.Body what = ErrorResponses.parse(contentType, body, settings.apiKey());
      return new Decoded(
          null,
          what.html()
              ? "is " + what.detail()
              : "is not valid JSON: " + ErrorResponses.snippet(settings.apiKey().redact(text)));
    }
  }

  private MalformedResponseException malformed(
      Call call, String path, int status, String what, int retries) {
    String text =
        "PostHog answered "
            + call.method()
            + " "
            + path
            + " with HTTP "
            + status
            + " but the body "
            + what
            + (retries > 0 ? " (still after " + retries + " retries)" : "")
            + ". A proxy in between, or a server that does not speak this protocol version?"
            + (call.safeToRepeat()
                ? ""
                : " The request was not repeated because it is not safe to repeat: it has"
                    + " probably taken effect (check PostHog before running it again).");
    return new MalformedResponseException(text, status, "", "", call.method(), path);
  }

  private HttpRequest request(Call call, URI url) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header("Authorization", settings.apiKey().bearer())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    if (call.body() == null) {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
    }
    return b.build();
  }

  private ConnectionFailedException connectionFailed(
      Call call, String path, String what, IOException e, int attempt) {
    String retried = attempt > 0 ? " after " + attempt + " retries" : "";
    String hint =
        call.safeToRepeat()
            ? ""
            : " The request may or may not have reached PostHog: if it created a run, that run"
                + " exists; check the repo's runs in PostHog before trying again.";
    return new ConnectionFailedException(
        "Could not reach PostHog Visual Review at "
            + settings.host()
            + " ("
            + call.method()
            + " "
            + path
            + retried
            + "): "
            + what
            + "."
            + hint,
        call.method(),
        path,
        e);
  }

  /** Logs why and when a request is tried again, then waits. */
  private void waitToRetry(Duration delay, Call call, String path, int attempt, String reason) {
    log.accept(
        "Retrying request to "
            + path
            + " (attempt "
            + (attempt + 1)
            + "/"
            + settings.maxRetries()
            + ") after "
            + delay.toSeconds()
            + "s: "
            + reason);
    pause(delay, call, path);
  }

  private void pause(Duration delay, Call call, String path) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionFailedException(
          "interrupted while waiting to retry " + call.method() + " " + path,
          call.method(),
          path,
          e);
    }
  }

  static Duration backoff(int attempt) {
    return Duration.ofSeconds(1L << Math.min(attempt, 6));
  }

  static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
    OptionalLong seconds =
        parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
    if (seconds.isEmpty()) {
      return java.util.Optional.empty();
    }
    Duration d = Duration.ofSeconds(seconds.getAsLong());
    return java.util.Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
  }

  static OptionalLong parseRetryAfter(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      long s = Long.parseLong(value.trim());
      return s < 0 ? OptionalLong.empty() : OptionalLong.of(s);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  static String queryString(Map<String, String> query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : query.entrySet()) {
      sb.append(sb.length() == 0 ? '?' : '&')
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
