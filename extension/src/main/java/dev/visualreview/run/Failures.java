package dev.visualreview.run;

import dev.visualreview.api.VisualReviewApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** What a failure of the session was, for the gate and the messages. */
public final class Failures {
  private Failures() {}

  /** Network failures, timeouts and server errors count as unreachable; bad settings do not. */
  public static boolean unreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof VisualReviewApiException api) {
        return api.serviceUnreachable();
      }
      if (c instanceof IOException
          || c instanceof HttpTimeoutException
          || c instanceof TimeoutException
          || c instanceof UncheckedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** The failure's message, or its type when it has none. */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
