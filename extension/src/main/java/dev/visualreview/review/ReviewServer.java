package dev.visualreview.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.visualreview.report.HtmlReport;
import dev.visualreview.report.ReviewControls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves a {@link Review} as the report page on 127.0.0.1, with buttons that accept changes.
 *
 * <p>Only this machine can reach it, and only the page it served can act through it: every request
 * must name this server as its {@code Host} ({@code 127.0.0.1:<port>} or {@code localhost:<port>},
 * so a DNS-rebound name is refused); requests a browser marks as cross-site are refused; every
 * request that changes something must be a {@code POST} with a JSON body, the page's own {@code
 * Origin} and the anti-forgery token embedded in the served page (another site can neither read the
 * token nor send the header without a preflight this server never answers). Request bodies are
 * bounded; images are only read from the report's {@code images/} folder or fetched by this process
 * from PostHog. Responses forbid framing and cross-origin embedding.
 */
public final class ReviewServer implements AutoCloseable {
  /** The largest request body read. */
  static final int MAX_BODY = 64 * 1024;

  /** The most identifiers one request may name. */
  static final int MAX_IDENTIFIERS = 10_000;

  /** The header that carries the anti-forgery token. */
  public static final String TOKEN_HEADER = "X-Review-Token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Review review;
  private final Consumer<String> log;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String token;
  private final int port;
  private final Set<String> hosts;
  private final Set<String> origins;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ReviewServer(Review review, int port, Consumer<String> log) throws IOException {
    this.review = review;
    this.log = log;
    byte[] t = new byte[32];
    RANDOM.nextBytes(t);
    this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, "visual-review-server");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.port = server.getAddress().getPort();
    this.hosts = Set.of("127.0.0.1:" + this.port, "localhost:" + this.port);
    this.origins = Set.of("http://127.0.0.1:" + this.port, "http://localhost:" + this.port);
  }

  /**
   * Starts serving on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @throws ReviewException when the port cannot be used
   */
  public static ReviewServer start(Review review, int port, Consumer<String> log) {
    try {
      return new ReviewServer(review, port, log);
    } catch (IOException e) {
      throw new ReviewException(
          ReviewException.Kind.FAILED,
          "cannot serve the review page on 127.0.0.1:"
              + port
              + ": "
              + e.getMessage()
              + (port == 0 ? "" : ": pass another --port, or leave it out to take a free one"),
          e);
    }
  }

  /** The page's address, {@code http://127.0.0.1:<port>/}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public int port() {
    return port;
  }

  /** Waits until the page's Done button (or {@link #close}) stopped the server. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped.countDown();
  }

  // ---- requests

  /** An answer; {@code stop} stops the server once it is sent. */
  private record Reply(
      int status, String contentType, byte[] body, Map<String, String> headers, boolean stop) {
    Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
      this(status, contentType, body, headers, false);
    }

    static Reply json(int status, Object value) {
      try {
        return new Reply(
            status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), Map.of());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise a reply", e);
      }
    }

    static Reply error(int status, String message) {
      return json(status, Map.of("error", message));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    try {
      reply = route(exchange);
    } catch (ReviewException e) {
      reply = Reply.error(e.kind().status(), e.getMessage());
    } catch (RuntimeException e) {
      log.accept("review server: " + e);
      reply = Reply.error(500, "the review server failed: " + e.getMessage());
    }
    send(exchange, reply);
    if (reply.stop()) {
      stopped.countDown();
    }
  }

  private Reply route(HttpExchange exchange) throws IOException {
    Headers h = exchange.getRequestHeaders();
    String host = h.getFirst("Host");
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return refuse(
          exchange,
          method,
          path,
          "this review server answers only to http://127.0.0.1:" + port + "/ (wrong Host)");
    }
    String site = h.getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return refuse(exchange, method, path, "requests from other sites are refused (" + site + ")");
    }
    if (method.equals("GET") || method.equals("HEAD")) {
      drain(exchange);
      return get(path, exchange.getRequestURI().getRawQuery());
    }
    if (!method.equals("POST")) {
      drain(exchange);
      return Reply.error(405, "only GET and POST are served");
    }
    String refusal = postRefusal(h);
    if (refusal != null) {
      return refuse(exchange, method, path, refusal);
    }
    JsonNode body = body(exchange);
    return switch (path) {
      case "/accept" ->
          body.path("all").asBoolean(false)
              ? result(review.acceptAll())
              : result(review.accept(identifiers(body)));
      case "/prune" -> result(review.prune(identifiers(body)));
      case "/recompute" -> result(review.recompute());
      case "/stop" -> {
        log.accept("review: stopped from the page");
        Reply r = Reply.json(200, Map.of("lines", List.of("The review server has stopped.")));
        yield new Reply(r.status(), r.contentType(), r.body(), Map.of(), true);
      }
      default -> Reply.error(404, "no such action: " + path);
    };
  }

  private Reply refuse(HttpExchange exchange, String method, String path, String why)
      throws IOException {
    drain(exchange);
    log.accept("review server: refused a " + method + " to " + path + ": " + why);
    return Reply.error(403, why);
  }

  /** Why a POST is refused, or null when it comes from the served page. */
  private String postRefusal(Headers h) {
    String origin = h.getFirst("Origin");
    if (origin == null || !origins.contains(origin.toLowerCase(Locale.ROOT))) {
      return "requests must come from the review page itself (Origin "
          + (origin == null ? "missing" : "'" + origin + "'")
          + ")";
    }
    String sent = h.getFirst(TOKEN_HEADER);
    if (sent == null
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return "the request lacks the review page's token: reload the page";
    }
    String type = h.getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return "the request must be JSON";
    }
    return null;
  }

  private Reply get(String path, String query) {
    if (path.equals("/") || path.equals("/index.html")) {
      if (review instanceof PostHogReview p) {
        p.refresh();
      }
      String nonce = HtmlReport.nonce();
      String html = HtmlReport.render(review.outcome(), controls(), nonce);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(
          "Content-Security-Policy", HtmlReport.servedPolicy(nonce) + "; frame-ancestors 'none'");
      return new Reply(
          200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), headers);
    }
    if (path.equals("/history")) {
      String id = queryParameter(query, "identifier");
      if (id == null || id.isEmpty()) {
        return Reply.error(400, "name the snapshot: history?identifier=ID");
      }
      return Reply.json(200, Map.of("entries", review.history(id)));
    }
    if (path.equals("/favicon.ico")) {
      return new Reply(204, "image/x-icon", new byte[0], Map.of());
    }
    String relative = decodePath(path.substring(1));
    if (relative != null) {
      Optional<byte[]> image = review.image(relative);
      if (image.isPresent()) {
        return new Reply(200, "image/png", image.get(), Map.of());
      }
    }
    return Reply.error(404, "not found: " + path);
  }

  private ReviewControls controls() {
    ReviewControls.Served served =
        new ReviewControls.Served(
            token, review.recomputeOffered(), review.historyOffered(), review.notices());
    return new ReviewControls(served, ReviewControls.COMMAND, review.actions());
  }

  private static Reply result(ReviewResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lines", r.lines());
    m.put("remaining", r.remaining());
    return Reply.json(200, m);
  }

  private static List<String> identifiers(JsonNode body) {
    JsonNode ids = body.get("identifiers");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw ReviewException.badInput(
          "name the snapshots: {\"identifiers\": [\"ID\", ...]} or {\"all\": true}");
    }
    if (ids.size() > MAX_IDENTIFIERS) {
      throw ReviewException.badInput("at most " + MAX_IDENTIFIERS + " snapshots per request");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual()) {
        throw ReviewException.badInput("identifiers must be strings");
      }
      out.add(id.asText());
    }
    return out;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY) {
          throw new ReviewException(
              ReviewException.Kind.BAD_INPUT, "the request is larger than " + MAX_BODY + " bytes");
        }
      } catch (NumberFormatException e) {
        throw ReviewException.badInput("unreadable Content-Length");
      }
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw ReviewException.badInput("the request is larger than " + MAX_BODY + " bytes");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ReviewException.badInput("the request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ReviewException.badInput("the request body is not JSON");
    }
  }

  /** Reads and drops what is left of a request body (at most {@link #MAX_BODY} bytes). */
  private static void drain(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readNBytes(MAX_BODY);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    Headers out = exchange.getResponseHeaders();
    out.set("Content-Type", reply.contentType());
    out.set("Cache-Control", "no-store");
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Cross-Origin-Resource-Policy", "same-origin");
    out.set("Referrer-Policy", "no-referrer");
    reply.headers().forEach(out::set);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (reply.body().length == 0 || head) {
      exchange.sendResponseHeaders(reply.status(), -1);
    } else {
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(reply.body());
      }
    }
    exchange.close();
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String decodePath(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ReviewServer[" + uri() + "]";
  }
}
