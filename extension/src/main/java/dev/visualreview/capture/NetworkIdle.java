package dev.visualreview.capture;

import dev.visualreview.CaptureException;
import dev.visualreview.CaptureOptions;
import java.util.Map;

/**
 * Waits until a page's network has been quiet for {@value #QUIET_MILLIS} ms, judged from the page
 * (the document is complete and no new resource entry appeared), for engines without a network-idle
 * wait of their own.
 */
public final class NetworkIdle {
  private static final long QUIET_MILLIS = 500;
  private static final long POLL_MILLIS = 100;

  private static final String NETWORK_STATE =
      """
      () => ({ state: document.readyState + '/'
        + performance.getEntriesByType('resource').length })
      """;

  private NetworkIdle() {}

  /** Polls the page through {@code session} until it is idle or the capture's timeout passed. */
  public static void await(PageSession session, CaptureOptions options, String snapshotName) {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    String last = null;
    long quietSince = System.nanoTime();
    while (true) {
      String state = String.valueOf(session.evaluate(NETWORK_STATE, Map.of(), "").get("state"));
      long now = System.nanoTime();
      if (!state.equals(last) || !state.startsWith("complete/")) {
        last = state;
        quietSince = now;
      } else if (now - quietSince >= QUIET_MILLIS * 1_000_000) {
        return;
      }
      if (now - deadline > 0) {
        throw CaptureFailures.of(
            snapshotName,
            "the network was still busy after "
                + options.timeout().toMillis()
                + " ms (last state "
                + state
                + "): turn off waitForNetworkIdle for pages that poll, or raise the timeout");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CaptureException("interrupted while waiting for network idle", e);
      }
    }
  }
}
