package dev.visualreview.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * Downloads a stored artifact from its presigned {@code download_url}: a plain GET to object
 * storage without the API key (the signature is in the URL; S3 refuses a second auth mechanism), no
 * redirects, and at most {@link #MAX_BYTES} read.
 */
final class ArtifactDownloader {
  /** The server's own limit for a PNG (visual-review-api.md 4). */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final HttpClient http;
  private final ApiSettings settings;

  ArtifactDownloader(HttpClient http, ApiSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  byte[] download(Artifact artifact) {
    String what = "the image " + abbreviate(artifact.contentHash());
    if (artifact.downloadUrl() == null || artifact.downloadUrl().isBlank()) {
      throw failed(what + " has no download URL (PostHog did not store it?)", 0, null);
    }
    URI uri;
    try {
      uri = URI.create(artifact.downloadUrl().trim());
    } catch (IllegalArgumentException e) {
      throw failed(what + " has an unusable download URL", 0, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw failed(what + " has a download URL that is not http(s)", 0, null);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw failed(
          "cannot download " + what + " from " + uri.getHost() + ": " + e.getMessage(), 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted while downloading " + what, 0, e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() / 100 != 2) {
        byte[] head = in.readNBytes(512);
        String body = new String(head, java.nio.charset.StandardCharsets.UTF_8);
        throw failed(
            "object storage answered HTTP "
                + response.statusCode()
                + " for "
                + what
                + (body.contains("<Code>") ? " (" + s3Code(body) + ")" : "")
                + (response.statusCode() == 403 ? ": its link may have expired" : ""),
            response.statusCode(),
            null);
      }
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw failed(what + " is larger than " + (MAX_BYTES >> 20) + " MiB", 0, null);
      }
      return bytes;
    } catch (IOException e) {
      throw failed("cannot read " + what + ": " + e.getMessage(), 0, e);
    }
  }

  private static String s3Code(String xml) {
    int a = xml.indexOf("<Code>");
    int b = xml.indexOf("</Code>");
    return a >= 0 && b > a ? xml.substring(a + 6, b) : "";
  }

  private VisualReviewApiException failed(String message, int status, Throwable cause) {
    return new VisualReviewApiException(
        settings.apiKey().redact(message), status, "", "", "GET", "(object storage)", cause);
  }

  private static String abbreviate(String hash) {
    return hash == null ? "(no hash)" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
