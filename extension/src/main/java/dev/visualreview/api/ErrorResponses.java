package dev.visualreview.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an error response into the exception a user can act on. Never throws while parsing. */
final class ErrorResponses {
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern RUN_PATH = Pattern.compile("/visual_review/runs/([^/]+)/");
  private static final Pattern REPO_PATH = Pattern.compile("/visual_review/repos/([^/]+)/");

  private ErrorResponses() {}

  /** What an error body said: the server's code and detail, or a readable snippet. */
  record Body(String code, String detail, String attr, boolean html) {}

  /**
   * Reads an error body. The key is removed from the raw text (escaped, encoded or in pieces) and
   * again from every field after JSON decoding and from every summary after HTML stripping, so no
   * decoding step can bring it back.
   */
  static Body parse(String contentType, byte[] bytes, ApiKey key) {
    try {
      String raw = new String(bytes == null ? new byte[0] : bytes, StandardCharsets.UTF_8);
      String text = key.redact(raw);
      String trimmed = text.strip();
      if (trimmed.isEmpty()) {
        return new Body("", "(empty response body)", "", false);
      }
      boolean looksHtml =
          (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
              || trimmed.startsWith("<");
      if (looksHtml) {
        return new Body("", key.redact(htmlSummary(trimmed)), "", true);
      }
      try {
        JsonNode node = Json.mapper().readTree(raw.strip());
        if (node != null && node.isObject()) {
          String detail = text(node.get("detail"));
          if (detail.isEmpty()) {
            detail = text(node.get("error"));
          }
          detail = detail.isEmpty() ? snippet(trimmed) : detail;
          return new Body(
              key.redact(text(node.get("code"))),
              key.redact(detail),
              key.redact(text(node.get("attr"))),
              false);
        }
        return new Body("", key.redact(snippet(trimmed)), "", false);
      } catch (Exception notJson) {
        return new Body("", "unreadable response body: " + key.redact(snippet(trimmed)), "", false);
      }
    } catch (RuntimeException e) {
      return new Body("", "(response body could not be read)", "", false);
    }
  }

  static VisualReviewApiException forStatus(
      String method,
      String path,
      int status,
      String contentType,
      byte[] body,
      ApiKey key,
      String projectId,
      int retries) {
    Body b = parse(contentType, body, key);
    String where =
        " (HTTP "
            + status
            + (b.code().isEmpty() ? "" : " " + b.code())
            + " on "
            + method
            + " "
            + path
            + ")";
    String said = sentence(b.detail());
    switch (status) {
      case 401:
        return new UnauthorizedException(
            "PostHog rejected the API key"
                + where
                + ": "
                + said
                + " The key comes from "
                + key.source()
                + "; check that it is a valid personal API key for this PostHog host.",
            status,
            b.code(),
            b.detail(),
            method,
            path);
      case 403:
        return new ForbiddenException(
            "The API key is not allowed to do this"
                + where
                + ": "
                + said
                + " It needs the"
                + " visual_review:write scope and access to project "
                + projectId
                + " (PostHog > Settings > Personal API keys).",
            status,
            b.code(),
            b.detail(),
            method,
            path);
      case 404:
        return notFound(method, path, status, b, projectId, where);
      case 409:
        String advice =
            switch (b.code()) {
              case "stale_run" ->
                  " A newer run exists for this branch and run type; act on the newest run.";
              case "sha_mismatch" ->
                  " Re-run the visual tests on the PR's latest commit, then finalize again.";
              case "not_fully_resolved" ->
                  " Approve or tolerate those snapshots first, or finalize with approve_all.";
              default -> "";
            };
        return new ConflictException(
            "PostHog refused" + where + ": " + said + advice,
            status,
            b.code(),
            b.detail(),
            method,
            path);
      case 429:
        return new RateLimitedException(
            "PostHog kept rate-limiting the request"
                + where
                + " after "
                + retries
                + " retries: "
                + said
                + " Retry later.",
            status,
            b.code().isEmpty() ? "rate_limited" : b.code(),
            b.detail(),
            method,
            path);
      default:
        break;
    }
    if (status >= 500) {
      String text =
          status == 502 && said.contains("GitHub commit failed")
              ? "PostHog could not commit the baseline to GitHub"
                  + where
                  + ": "
                  + said
                  + " Retry later."
              : "PostHog Visual Review failed"
                  + where
                  + (retries > 0 ? " after " + retries + " retries" : "")
                  + ": "
                  + said;
      return new ServerErrorException(text, status, b.code(), b.detail(), method, path);
    }
    String field = b.attr().isEmpty() ? "" : " (field '" + b.attr() + "')";
    return new RequestRejectedException(
        "PostHog rejected the request" + where + ": " + said + field,
        status,
        b.code(),
        b.detail(),
        method,
        path);
  }

  private static NotFoundException notFound(
      String method, String path, int status, Body b, String projectId, String where) {
    Matcher run = RUN_PATH.matcher(path);
    Matcher repo = REPO_PATH.matcher(path);
    String lower = b.detail().toLowerCase(Locale.ROOT);
    String resource;
    String text;
    // The server names what it did not find; the path is the guess when it does not (an unknown
    // project answers every path under it, a run's or a repo's too, with "Project not found").
    if (lower.contains("project") && !lower.contains("repo") && !lower.contains("run")) {
      resource = "project";
      text = projectNotFound(projectId, where, b);
    } else if (lower.contains("repo")) {
      resource = "repo";
      text =
          "The Visual Review repo was not found in PostHog project "
              + projectId
              + where
              + ": "
              + sentence(b.detail())
              + " Check the repo id (visualreview.posthog.repoId or config.repo in"
              + " snapshots.yml) and the project id.";
    } else if (run.find() && !run.group(1).equals("counts")) {
      resource = "run";
      text =
          "Run "
              + run.group(1)
              + " was not found in PostHog project "
              + projectId
              + where
              + ": "
              + sentence(b.detail())
              + " Check the run id and that it belongs to this project.";
    } else if (repo.find()) {
      resource = "repo";
      text =
          "Repo "
              + repo.group(1)
              + " was not found in PostHog project "
              + projectId
              + where
              + ": "
              + sentence(b.detail())
              + " Check the repo id (visualreview.posthog.repoId or config.repo"
              + " in snapshots.yml).";
    } else {
      resource = "project";
      text = projectNotFound(projectId, where, b);
    }
    return new NotFoundException(text, resource, status, b.code(), b.detail(), method, path);
  }

  private static String projectNotFound(String projectId, String where, Body b) {
    return "PostHog project "
        + projectId
        + " was not found, or the key cannot see it"
        + where
        + ": "
        + sentence(b.detail())
        + " Check the project id (visualreview.posthog.projectId or"
        + " config.team in snapshots.yml) and the host.";
  }

  /** The server's text as a sentence: one final period, not two. */
  static String sentence(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return "(no detail).";
    }
    char last = t.charAt(t.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '…' ? t : t + ".";
  }

  static String htmlSummary(String html) {
    Matcher m = TITLE.matcher(html);
    String title = m.find() ? collapse(m.group(1)) : "";
    String body =
        collapse(
            html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " "));
    return "an HTML page instead of JSON (a proxy, load balancer or wrong host?)"
        + (title.isEmpty() ? "" : ", title '" + title + "'")
        + ": "
        + snippet(body);
  }

  static String snippet(String text) {
    String flat = collapse(text);
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  private static String collapse(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    return node.toString();
  }
}
