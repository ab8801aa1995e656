package dev.visualreview.api.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Faults the contract server injects on request. Each fault matches a method (or any, when null)
 * and a regular expression found in the path below {@code /visual_review} (e.g. {@code
 * "add-snapshots"}, {@code "^/runs/$"}), and fires a given number of times.
 */
public final class Faults {

  enum Kind {
    STATUS,
    RATE_LIMIT,
    DELAY,
    DROP_BEFORE,
    DROP_AFTER,
    BODY,
    TRUNCATE
  }

  static final class Fault {
    final Kind kind;
    final String method;
    final Pattern path;
    final AtomicInteger remaining;
    final int status;
    final int retryAfter;
    final Duration delay;
    final String contentType;
    final String body;

    Fault(
        Kind kind,
        String method,
        String path,
        int times,
        int status,
        int retryAfter,
        Duration delay,
        String contentType,
        String body) {
      this.kind = kind;
      this.method = method;
      this.path = Pattern.compile(path);
      this.remaining = new AtomicInteger(times);
      this.status = status;
      this.retryAfter = retryAfter;
      this.delay = delay;
      this.contentType = contentType;
      this.body = body;
    }

    boolean matches(String m, String p) {
      return (method == null || method.equalsIgnoreCase(m)) && path.matcher(p).find();
    }
  }

  /** An S3 refusal: HTTP status plus the XML error's Code and Message. */
  record S3Refusal(int status, String code, String message) {}

  private final List<Fault> faults = new ArrayList<>();
  private final List<S3Refusal> s3Refusals = new ArrayList<>();
  private volatile Duration s3Delay = Duration.ZERO;

  /** Answers {@code status} with {@code {"detail": "Injected failure"}}, {@code times} times. */
  public synchronized Faults status(String method, String path, int status, int times) {
    faults.add(new Fault(Kind.STATUS, method, path, times, status, -1, null, null, null));
    return this;
  }

  /** Answers 429 {@code rate_limited} with {@code Retry-After: seconds}, {@code times} times. */
  public synchronized Faults rateLimit(
      String method, String path, int retryAfterSeconds, int times) {
    faults.add(
        new Fault(Kind.RATE_LIMIT, method, path, times, 429, retryAfterSeconds, null, null, null));
    return this;
  }

  /** Waits {@code delay} before handling, {@code times} times. */
  public synchronized Faults delay(String method, String path, Duration delay, int times) {
    faults.add(new Fault(Kind.DELAY, method, path, times, 0, -1, delay, null, null));
    return this;
  }

  /**
   * Closes the connection without answering. With {@code afterProcessing} the request takes effect
   * first (the client cannot know whether it did).
   */
  public synchronized Faults drop(String method, String path, boolean afterProcessing, int times) {
    faults.add(
        new Fault(
            afterProcessing ? Kind.DROP_AFTER : Kind.DROP_BEFORE,
            method,
            path,
            times,
            0,
            -1,
            null,
            null,
            null));
    return this;
  }

  /** Answers with this raw status, content type and body (malformed JSON, a proxy's HTML page). */
  public synchronized Faults body(
      String method, String path, int status, String contentType, String body, int times) {
    faults.add(new Fault(Kind.BODY, method, path, times, status, -1, null, contentType, body));
    return this;
  }

  /**
   * Handles the request, then sends only the first {@code keepBytes} bytes of the real answer (with
   * a matching Content-Length): JSON cut short by a proxy or a crashed worker, {@code times} times.
   */
  public synchronized Faults truncate(String method, String path, int keepBytes, int times) {
    faults.add(new Fault(Kind.TRUNCATE, method, path, times, keepBytes, -1, null, null, null));
    return this;
  }

  /** The next {@code times} presigned uploads are refused by "S3" with this XML error. */
  public synchronized Faults rejectUploads(int times, int status, String code, String message) {
    for (int i = 0; i < times; i++) {
      s3Refusals.add(new S3Refusal(status, code, message));
    }
    return this;
  }

  /** Every upload takes this long (to observe upload concurrency). */
  public Faults uploadDelay(Duration delay) {
    this.s3Delay = delay;
    return this;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    faults.clear();
    s3Refusals.clear();
    s3Delay = Duration.ZERO;
  }

  synchronized Fault take(Kind kind, String method, String path) {
    for (Fault f : faults) {
      if (f.kind == kind && f.remaining.get() > 0 && f.matches(method, path)) {
        f.remaining.decrementAndGet();
        return f;
      }
    }
    return null;
  }

  /** The first pending answering fault (status, rate limit, body) for this request, consumed. */
  synchronized Fault takeAnswer(String method, String path) {
    for (Fault f : faults) {
      boolean answering = f.kind == Kind.STATUS || f.kind == Kind.RATE_LIMIT || f.kind == Kind.BODY;
      if (answering && f.remaining.get() > 0 && f.matches(method, path)) {
        f.remaining.decrementAndGet();
        return f;
      }
    }
    return null;
  }

  synchronized S3Refusal takeS3Refusal() {
    return s3Refusals.isEmpty() ? null : s3Refusals.remove(0);
  }

  Duration s3Delay() {
    return s3Delay;
  }
}
