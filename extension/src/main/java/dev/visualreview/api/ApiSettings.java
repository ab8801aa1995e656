package dev.visualreview.api;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostHog Visual Review.
 *
 * @param host the PostHog host, e.g. {@code https://us.posthog.com} (one trailing slash is
 *     stripped)
 * @param projectId the numeric PostHog project id ("team" in the PostHog CLI)
 * @param apiKey the personal API key (needs the {@code visual_review:write} scope)
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for one response
 * @param pollInterval how often to ask whether a completed run has finished processing
 * @param pollDeadline how long to wait for a run to finish processing
 * @param maxRetries retries after a 5xx, a 429 or (for requests safe to repeat) a network error
 * @param proxy the proxy selector; {@link ProxySettings#fromEnvironment()} when null
 */
public record ApiSettings(
    String host,
    String projectId,
    ApiKey apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration pollInterval,
    Duration pollDeadline,
    int maxRetries,
    ProxySelector proxy) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_POLL_DEADLINE = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_RETRIES = 3;

  public ApiSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "the PostHog host is not set: set visualreview.posthog.host (or config.api in"
              + " snapshots.yml), e.g. https://us.posthog.com");
    }
    host = host.trim();
    if (host.endsWith("/")) {
      host = host.substring(0, host.length() - 1);
    }
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException(
          "the PostHog project id is not set: set visualreview.posthog.projectId (or config.team"
              + " in snapshots.yml) to the numeric project id");
    }
    projectId = projectId.trim();
    if (!projectId.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "the PostHog project id must be numeric, got '" + projectId + "'");
    }
    Objects.requireNonNull(apiKey, "apiKey");
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect timeout");
    requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "request timeout");
    pollInterval = positive(pollInterval, DEFAULT_POLL_INTERVAL, "poll interval");
    pollDeadline = positive(pollDeadline, DEFAULT_POLL_DEADLINE, "poll deadline");
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("max retries must be between 0 and 10, got " + maxRetries);
    }
  }

  /** Settings with every default: 10 s connect, 60 s request, poll every 5 s for 10 min. */
  public static ApiSettings of(String host, String projectId, ApiKey apiKey) {
    return new ApiSettings(
        host, projectId, apiKey, null, null, null, null, DEFAULT_MAX_RETRIES, null);
  }

  public ApiSettings withPolling(Duration interval, Duration deadline) {
    return new ApiSettings(
        host,
        projectId,
        apiKey,
        connectTimeout,
        requestTimeout,
        interval,
        deadline,
        maxRetries,
        proxy);
  }

  public ApiSettings withTimeouts(Duration connect, Duration request) {
    return new ApiSettings(
        host, projectId, apiKey, connect, request, pollInterval, pollDeadline, maxRetries, proxy);
  }

  public ApiSettings withMaxRetries(int retries) {
    return new ApiSettings(
        host,
        projectId,
        apiKey,
        connectTimeout,
        requestTimeout,
        pollInterval,
        pollDeadline,
        retries,
        proxy);
  }

  /** The same settings with another key (e.g. one that says where it was read). */
  public ApiSettings withApiKey(ApiKey key) {
    return new ApiSettings(
        host,
        projectId,
        key,
        connectTimeout,
        requestTimeout,
        pollInterval,
        pollDeadline,
        maxRetries,
        proxy);
  }

  public ApiSettings withProxy(ProxySelector selector) {
    return new ApiSettings(
        host,
        projectId,
        apiKey,
        connectTimeout,
        requestTimeout,
        pollInterval,
        pollDeadline,
        maxRetries,
        selector);
  }

  /** {@code {host}/api/projects/{project_id}/visual_review} */
  public String baseUrl() {
    return host + "/api/projects/" + projectId + "/visual_review";
  }

  /** Where a person reviews a run: {@code {host}/project/{project_id}/visual_review/runs/{id}}. */
  public String reviewUrl(String runId) {
    return host + "/project/" + projectId + "/visual_review/runs/" + runId;
  }

  private static Duration positive(Duration value, Duration fallback, String what) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }
}
