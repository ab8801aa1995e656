package dev.visualreview.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Serves the Fernbrook sample shop from the classpath folder {@code app/} on 127.0.0.1 and a free
 * port.
 *
 * <p>The shop's accent colour comes from the system property {@value #ACCENT_PROPERTY} (default
 * {@value #DEFAULT_ACCENT}); changing it is the documented way to see a visual review fail.
 *
 * <pre>{@code
 * try (SampleApp app = SampleApp.start()) {
 *   page.navigate(app.url("/signin.html"));
 * }
 * }</pre>
 */
public final class SampleApp implements AutoCloseable {

  /** System property that overrides the accent colour, e.g. {@code -Dsample.accent=#d03030}. */
  public static final String ACCENT_PROPERTY = "sample.accent";

  /** The shop's own green. */
  public static final String DEFAULT_ACCENT = "#2f7d4f";

  private static final Pattern HEX_COLOUR = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  private static final String RESOURCE_ROOT = "app";
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ttf", "font/ttf",
          "txt", "text/plain; charset=utf-8");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String accent;

  private SampleApp(HttpServer server, ExecutorService executor, String accent) {
    this.server = server;
    this.executor = executor;
    this.accent = accent;
  }

  /** Starts the shop with the accent colour from {@value #ACCENT_PROPERTY}, if set. */
  public static SampleApp start() {
    return start(System.getProperty(ACCENT_PROPERTY, ""));
  }

  /**
   * Starts the shop with the given accent colour ({@code #rgb} or {@code #rrggbb}; blank means
   * {@value #DEFAULT_ACCENT}).
   */
  public static SampleApp start(String accentColour) {
    String accent = normaliseAccent(accentColour);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a port on 127.0.0.1 for the sample app", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, SampleApp::daemonThread);
    SampleApp app = new SampleApp(server, executor, accent);
    server.createContext("/", app::handle);
    server.setExecutor(executor);
    server.start();
    return app;
  }

  /** The base address, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The absolute address of a path in the shop, e.g. {@code url("/guide.html")}. */
  public String url(String path) {
    return baseUrl() + (path.startsWith("/") ? path : "/" + path);
  }

  /** The accent colour this instance serves, as {@code #rrggbb} or {@code #rgb}. */
  public String accent() {
    return accent;
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
  }

  /** Runs the shop until the process is stopped, for a look in a real browser. */
  public static void main(String[] args) throws InterruptedException {
    SampleApp app = start();
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("Fernbrook sample shop: " + app.url("/") + " (Ctrl+C stops it)");
    Thread.currentThread().join();
  }

  static String normaliseAccent(String value) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      return DEFAULT_ACCENT;
    }
    if (!HEX_COLOUR.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "system property "
              + ACCENT_PROPERTY
              + "='"
              + trimmed
              + "' is not a hex colour: use #rgb or #rrggbb, e.g. -D"
              + ACCENT_PROPERTY
              + "=#d03030");
    }
    return (trimmed.startsWith("#") ? trimmed : "#" + trimmed).toLowerCase(Locale.ROOT);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().replaceAll("/{2,}", "/");
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "txt", "method not allowed".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (path.equals("/")) {
        path = "/index.html";
      }
      if (path.equals("/css/accent.css")) {
        send(exchange, 200, "css", accentCss().getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body = path.contains("..") ? null : readResource(RESOURCE_ROOT + path);
      if (body == null) {
        send(exchange, 404, "txt", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(exchange, 200, extension(path), body);
    }
  }

  private String accentCss() {
    return ":root { --accent: " + accent + "; }\n";
  }

  private static byte[] readResource(String name) throws IOException {
    try (InputStream in = SampleApp.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static void send(HttpExchange exchange, int status, String extension, byte[] body)
      throws IOException {
    exchange
        .getResponseHeaders()
        .set("Content-Type", CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static Thread daemonThread(Runnable task) {
    Thread thread = new Thread(task, "sample-app-http");
    thread.setDaemon(true);
    return thread;
  }
}
