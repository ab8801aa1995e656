package dev.visualreview.run;

import dev.visualreview.api.RunTimeoutException;
import dev.visualreview.api.VisualReviewApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/** What a failure of the session was, for the gate and the messages. */
public final class Failures {
  private Failures() {}

  /** What kind of failure ended a session. */
  public enum Kind {
    /** The service could not be reached: no connection, network timeouts, 5xx/429 after retries. */
    UNREACHABLE,
    /** The service answered, but the run's verdict did not arrive before the deadline. */
    NO_VERDICT_IN_TIME,
    /** A file on this machine could not be read or written (baselines, report, cache). */
    LOCAL_FILES,
    /** Anything else: settings, a rejected request, a bug. */
    OTHER;

    /**
     * Whether {@code visualreview.onUnreachable=warn} lets the build pass: the service could not be
     * reached, or did not deliver a verdict in time.
     */
    public boolean excusable() {
      return this == UNREACHABLE || this == NO_VERDICT_IN_TIME;
    }
  }

  /** Classifies a failure by what its cause chain says happened. */
  public static Kind kind(Throwable t) {
    boolean files = false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof VerdictTimeoutException || c instanceof RunTimeoutException) {
        return Kind.NO_VERDICT_IN_TIME;
      }
      if (c instanceof VisualReviewApiException api) {
        return api.serviceUnreachable() ? Kind.UNREACHABLE : Kind.OTHER;
      }
      if (c instanceof TimeoutException || isNetwork(c)) {
        return Kind.UNREACHABLE;
      }
      files |= c instanceof IOException || c instanceof UncheckedIOException;
    }
    return files ? Kind.LOCAL_FILES : Kind.OTHER;
  }

  /** Whether {@code visualreview.onUnreachable=warn} may excuse this failure. */
  public static boolean excusable(Throwable t) {
    return kind(t).excusable();
  }

  private static boolean isNetwork(Throwable t) {
    String pkg = t.getClass().getPackageName();
    return pkg.equals("java.net") || pkg.equals("java.net.http") || pkg.equals("javax.net.ssl");
  }

  /** The failure's message, or its type when it has none. */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
