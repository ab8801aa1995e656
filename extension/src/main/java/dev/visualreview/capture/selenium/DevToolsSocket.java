package dev.visualreview.capture.selenium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A DevTools protocol connection of this library's own to one page of a local Chromium that a
 * chromedriver started (the browser's {@code debuggerAddress}), over the JDK's WebSocket client.
 *
 * <p>Why: every chromedriver command is an HTTP round trip in which chromedriver also checks the
 * window, pending navigations and dialogs, which costs several milliseconds; the same DevTools call
 * on a connection of its own costs about one. The capture's page scripts and, where the result is
 * the same, its screenshots go this way. Only loopback addresses are used, and a page whose
 * connection cannot be opened is captured through chromedriver as before.
 *
 * <p>A connection is opened on a page's first capture and kept until the page or browser goes away
 * (the browser closes it). Several threads may use one connection.
 */
final class DevToolsSocket implements WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LOOPBACK =
      Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1]):\\d{1,5}");
  private static final Pattern TARGET_ID = Pattern.compile("[0-9A-Fa-f]{16,64}");
  private static final long CONNECT_SECONDS = 30;

  private static final Map<String, DevToolsSocket> OPEN = new ConcurrentHashMap<>();

  /** Pages whose connection could not be opened: not tried again (bounded, then cleared). */
  private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

  private final String url;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closed;

  private DevToolsSocket(String url) {
    this.url = url;
  }

  /**
   * The connection to a page, opened if needed; empty when the address is not a loopback one or the
   * page's connection cannot be opened.
   *
   * @param debuggerAddress {@code host:port} of the browser's DevTools endpoint
   * @param windowHandle chromedriver's window handle, which is the page's DevTools target id
   */
  static Optional<DevToolsSocket> of(String debuggerAddress, String windowHandle) {
    if (debuggerAddress == null || windowHandle == null) {
      return Optional.empty();
    }
    String target = windowHandle.startsWith("CDwindow-") ? windowHandle.substring(9) : windowHandle;
    if (!LOOPBACK.matcher(debuggerAddress).matches() || !TARGET_ID.matcher(target).matches()) {
      return Optional.empty();
    }
    String url = "ws://" + debuggerAddress + "/devtools/page/" + target;
    DevToolsSocket open = OPEN.get(url);
    if (open != null && !open.closed) {
      return Optional.of(open);
    }
    if (REFUSED.contains(url)) {
      return Optional.empty();
    }
    DevToolsSocket connected = new DevToolsSocket(url);
    try {
      connected.socket =
          Clients.HTTP
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
              .buildAsync(URI.create(url), connected)
              .get(CONNECT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (REFUSED.size() > 1000) {
        REFUSED.clear();
      }
      REFUSED.add(url);
      return Optional.empty();
    }
    OPEN.put(url, connected);
    return Optional.of(connected);
  }

  /** Whether the browser closed the connection (the page or browser went away). */
  boolean closed() {
    return closed;
  }

  /**
   * Sends a command; the answer is its {@code result} object, or fails with a {@link
   * DevToolsException} for a protocol error or a closed connection.
   */
  CompletableFuture<JsonNode> send(String method, ObjectNode params) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(new DevToolsException("the DevTools connection is closed"));
      return answer;
    }
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params);
    String text;
    try {
      text = JSON.writeValueAsString(message);
    } catch (IOException e) {
      pending.remove(id);
      answer.completeExceptionally(e);
      return answer;
    }
    synchronized (this) {
      // One message at a time: the WebSocket takes the next send once the last one is out.
      socket.sendText(text, true).join();
    }
    answer.whenComplete((result, failure) -> pending.remove(id));
    return answer;
  }

  /** A new parameters object. */
  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    String message = null;
    synchronized (partial) {
      partial.append(data);
      if (last) {
        message = partial.toString();
        partial.setLength(0);
      }
    }
    webSocket.request(1);
    if (message != null) {
      dispatch(message);
    }
    return null;
  }

  private void dispatch(String message) {
    JsonNode node;
    try {
      node = JSON.readTree(message);
    } catch (IOException e) {
      return;
    }
    if (!node.has("id")) {
      return; // an event: none is subscribed to, and any is of no interest
    }
    CompletableFuture<JsonNode> answer = pending.remove(node.get("id").asLong());
    if (answer == null) {
      return;
    }
    JsonNode error = node.get("error");
    if (error != null) {
      answer.completeExceptionally(
          new DevToolsException(
              "DevTools error: " + error.path("message").asText(error.toString())));
    } else {
      answer.complete(node.path("result"));
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    end("the browser closed the DevTools connection (" + statusCode + " " + reason + ")");
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    end("the DevTools connection failed: " + error);
  }

  private void end(String why) {
    closed = true;
    OPEN.remove(url, this);
    for (CompletableFuture<JsonNode> answer : pending.values()) {
      answer.completeExceptionally(new DevToolsException(why));
    }
    pending.clear();
  }

  /** A DevTools command failed, or the connection went away. */
  static final class DevToolsException extends org.openqa.selenium.WebDriverException {
    private static final long serialVersionUID = 1L;

    DevToolsException(String message) {
      super(message);
    }
  }

  /** The JDK HTTP client behind every connection, created on first use. */
  private static final class Clients {
    static final HttpClient HTTP = HttpClient.newHttpClient();
  }
}
