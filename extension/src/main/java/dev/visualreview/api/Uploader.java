package dev.visualreview.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uploads artifacts with presigned POSTs: one per distinct hash, at most ten at a time for the
 * whole client, nothing over 10 MiB, S3's XML error surfaced. Uploads are safe to repeat, so
 * network errors and 5xx are retried like API calls.
 */
final class Uploader {
  /** S3's policy limit (content-length-range 0..10 MiB). */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  static final int MAX_CONCURRENT = 10;

  private static final Pattern CODE = Pattern.compile("<Code>(.*?)</Code>", Pattern.DOTALL);
  private static final Pattern MESSAGE =
      Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);

  private final HttpClient http;
  private final ApiSettings settings;
  private final Sleeper sleeper;
  private final Consumer<String> log;
  private final Semaphore permits = new Semaphore(MAX_CONCURRENT);

  Uploader(HttpClient http, ApiSettings settings, Sleeper sleeper, Consumer<String> log) {
    this.http = http;
    this.settings = settings;
    this.sleeper = sleeper;
    this.log = log;
  }

  /** Uploads every target whose hash is among {@code files}; returns how many were uploaded. */
  int uploadAll(Collection<UploadTarget> targets, Collection<UploadFile> files) {
    Map<String, UploadFile> byHash = new LinkedHashMap<>();
    for (UploadFile f : files) {
      byHash.putIfAbsent(f.contentHash(), f);
    }
    Map<String, UploadTarget> distinct = new LinkedHashMap<>();
    for (UploadTarget t : targets) {
      if (byHash.containsKey(t.contentHash())) {
        distinct.putIfAbsent(t.contentHash(), t);
      }
    }
    for (UploadTarget t : distinct.values()) {
      checkSize(byHash.get(t.contentHash()));
    }
    if (distinct.isEmpty()) {
      return 0;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(MAX_CONCURRENT, distinct.size()),
            r -> {
              Thread t = new Thread(r, "visual-review-upload");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (UploadTarget t : distinct.values()) {
        UploadFile file = byHash.get(t.contentHash());
        futures.add(pool.submit(() -> upload(t, file)));
      }
      List<UploadFailedException> failures = new ArrayList<>();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UploadFailedException u) {
            failures.add(u);
          } else {
            failures.add(new UploadFailedException("upload failed: " + e.getCause(), e.getCause()));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UploadFailedException("interrupted while uploading artifacts", e);
        }
      }
      if (!failures.isEmpty()) {
        UploadFailedException first = failures.get(0);
        String message =
            failures.size()
                + " of "
                + distinct.size()
                + " artifact upload(s) failed. First: "
                + first.getMessage();
        UploadFailedException all =
            new UploadFailedException(message, first.status(), first.code(), first.detail(), first);
        failures.subList(1, failures.size()).forEach(all::addSuppressed);
        throw all;
      }
      return distinct.size();
    } finally {
      pool.shutdownNow();
    }
  }

  static void checkSize(UploadFile file) {
    if (file.png().length > MAX_BYTES) {
      throw new UploadFailedException(
          String.format(
              Locale.ROOT,
              "snapshot '%s' is %.1f MiB: PostHog Visual Review accepts at most 10 MiB per image."
                  + " Capture a smaller area or viewport (or a lower device scale factor).",
              file.snapshotName(),
              file.png().length / (1024.0 * 1024.0)),
          413,
          "EntityTooLarge",
          "");
    }
  }

  void upload(UploadTarget target, UploadFile file) {
    checkSize(file);
    Multipart form = Multipart.presignedPost(target.fields(), file.png());
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(target.url()))
              .timeout(settings.requestTimeout())
              .header("Content-Type", form.contentType())
              .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()))
              .build();
    } catch (IllegalArgumentException e) {
      throw new UploadFailedException(
          "the server returned an unusable upload URL for snapshot '" + file.snapshotName() + "'",
          e);
    }
    int retries = settings.maxRetries();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> response;
      try {
        permits.acquire();
        try {
          response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } finally {
          permits.release();
        }
      } catch (IOException e) {
        if (attempt < retries) {
          waitBeforeRetry(attempt, file, ConnectionProblems.describe(e, http, request.uri()));
          continue;
        }
        throw new UploadFailedException(
            "upload of snapshot '"
                + file.snapshotName()
                + "' ("
                + file.contentHash()
                + ") failed after "
                + attempt
                + " retries: "
                + ConnectionProblems.describe(e, http, request.uri()),
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UploadFailedException(
            "interrupted while uploading '" + file.snapshotName() + "'", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return;
      }
      if (status >= 500 && attempt < retries) {
        waitBeforeRetry(attempt, file, "HTTP " + status);
        continue;
      }
      String body = settings.apiKey().redact(new String(response.body(), StandardCharsets.UTF_8));
      String code = settings.apiKey().redact(first(CODE, body));
      String message = settings.apiKey().redact(first(MESSAGE, body));
      String said =
          code.isEmpty() && message.isEmpty()
              ? ErrorResponses.snippet(body)
              : code + (message.isEmpty() ? "" : ": " + message);
      throw new UploadFailedException(
          "object storage refused the upload of snapshot '"
              + file.snapshotName()
              + "' ("
              + file.contentHash().substring(0, Math.min(16, file.contentHash().length()))
              + "…) with HTTP "
              + status
              + ": "
              + said
              + (status == 403
                  ? " (an expired upload policy or a signature mismatch: create a new run and"
                      + " upload again promptly)"
                  : ""),
          status,
          code,
          message);
    }
  }

  private void waitBeforeRetry(int attempt, UploadFile file, String why) {
    Duration delay = Transport.backoff(attempt);
    log.accept(
        "Retrying upload of " + file.snapshotName() + " after " + delay.toSeconds() + "s: " + why);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UploadFailedException(
          "interrupted while uploading '" + file.snapshotName() + "'", e);
    }
  }

  private static String first(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1).strip() : "";
  }
}
