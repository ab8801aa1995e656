package dev.visualreview.capture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pages that are hard to capture stably, served on 127.0.0.1: a CSS animation, a focused input
 * (also one inside a shadow root), a late web font, a live clock, a 6000-px page with a sticky
 * header, and a page that never settles.
 */
public final class TestPages implements AutoCloseable {
  /** The viewport both engines use in the tests, in CSS pixels. */
  public static final int VIEWPORT_WIDTH = 1280;

  public static final int VIEWPORT_HEIGHT = 720;

  /** The full-page size of {@code /tall}: the sticky header (60) plus 6000 px of content. */
  public static final int TALL_HEIGHT = 6060;

  /** The sticky header's colour on {@code /tall} (#234). */
  public static final int HEADER_COLOUR = 0x223344;

  /** Where {@code /tall} puts {@code #deep}, a #3a7 box in the middle of the page. */
  public static final int DEEP_X = 40;

  public static final int DEEP_Y = 3000;
  public static final int DEEP_WIDTH = 400;
  public static final int DEEP_HEIGHT = 200;

  /** Where {@code /clock} puts the clock, in CSS pixels (integers, so mask edges are exact). */
  public static final int CLOCK_X = 40;

  public static final int CLOCK_Y = 100;
  public static final int CLOCK_WIDTH = 300;
  public static final int CLOCK_HEIGHT = 50;

  /** Where {@code /unstable} repaints a box on every animation frame. */
  public static final int NOISE_X = 10;

  public static final int NOISE_Y = 20;
  public static final int NOISE_SIZE = 50;

  public static final long FONT_DELAY_MILLIS = 700;

  /** Where {@code /badge} puts the badge, whose background colour exists only in keyframes. */
  public static final int BADGE_X = 40;

  public static final int BADGE_Y = 100;
  public static final int BADGE_WIDTH = 120;
  public static final int BADGE_HEIGHT = 40;

  /** The badge's colour in its first keyframe (#c33); its middle keyframe is #33c. */
  public static final int BADGE_FIRST_FRAME = 0xCC3333;

  /**
   * The elements of {@code /empty} that have nothing to capture, by id: zero height (at a
   * fractional offset), zero width, {@code display: none} and {@code visibility: hidden}.
   */
  public static final java.util.List<String> EMPTY_ELEMENTS =
      java.util.List.of("flat", "thin", "gone", "ghost");

  private static final String HEAD =
      "<!doctype html><html><head><meta charset='utf-8'><style>"
          + "html,body{margin:0;background:#fff;font:16px 'DejaVu Sans',sans-serif;color:#222}"
          + "h1{margin:0;padding:20px 40px;font-size:24px}p{margin:0 40px}";

  private static final Map<String, String> PAGES =
      Map.of(
          "/settled",
          HEAD
              + "#box{position:absolute;left:40px;top:120px;width:200px;height:80px;"
              + "background:#3a7}</style></head><body><h1>A settled page</h1>"
              + "<p>Nothing moves here.</p><div id='box'></div></body></html>",
          "/animation",
          HEAD
              + "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(360deg)}}"
              + "@keyframes slide{from{left:0}to{left:300px}}"
              + "#spinner{position:absolute;left:40px;top:80px;width:80px;height:80px;"
              + "background:#3a7;animation:spin 1s linear infinite}"
              + "#slider{position:absolute;top:200px;width:60px;height:30px;background:#a37;"
              + "animation:slide 5s ease-in-out 1 forwards}"
              + "</style></head><body><h1>Animations</h1><div id='spinner'></div>"
              + "<div id='slider'></div></body></html>",
          "/caret",
          HEAD
              + "input{margin:20px 40px;font-size:20px;padding:6px}</style></head><body>"
              + "<h1>Caret</h1><input id='name' value='Hello' autofocus>"
              + "<script>document.getElementById('name').focus()</script></body></html>",
          "/shadow-caret",
          HEAD
              + "</style></head><body><h1>Caret in a shadow root</h1><name-field></name-field>"
              + "<script>const host=document.querySelector('name-field');"
              + "const root=host.attachShadow({mode:'open'});"
              + "root.innerHTML=\"<input value='Hello' style='margin:20px 40px;font-size:20px'>\";"
              + "root.querySelector('input').focus()</script></body></html>",
          "/font",
          HEAD
              + ".late{font-family:Late,monospace;font-size:32px;margin:20px 40px}"
              + "</style></head><body><h1>Late font</h1>"
              + "<p class='late'>Sphinx of black quartz, judge my vow</p>"
              // Requested from the load event, the font is still on its way (FONT_DELAY_MILLIS)
              // when navigation returns: only waiting for document.fonts makes captures stable.
              + "<script>addEventListener('load',()=>{"
              + "const late=new FontFace('Late','url(/late-font.ttf)');"
              + "document.fonts.add(late);late.load()})</script></body></html>",
          "/clock",
          HEAD
              + "#clock{position:absolute;left:"
              + CLOCK_X
              + "px;top:"
              + CLOCK_Y
              + "px;width:"
              + CLOCK_WIDTH
              + "px;height:"
              + CLOCK_HEIGHT
              + "px;font-size:28px;background:#eef}"
              + "</style></head><body><h1>Clock</h1><div id='clock'></div>"
              + "<script>const c=document.getElementById('clock');"
              + "const tick=()=>{c.textContent=new Date().toISOString().slice(11,23)};"
              + "tick();setInterval(tick,30)</script></body></html>",
          "/tall",
          HEAD
              + "header{position:sticky;top:0;height:60px;background:#234;color:#fff;"
              + "z-index:2}header h1{padding:16px 40px;font-size:22px}"
              + "main{height:6000px;background:repeating-linear-gradient(#fff 0,#fff 490px,"
              + "#c9d 490px,#c9d 500px)}#deep{position:absolute;left:"
              + DEEP_X
              + "px;top:"
              + DEEP_Y
              + "px;width:"
              + DEEP_WIDTH
              + "px;height:"
              + DEEP_HEIGHT
              + "px;background:#3a7}</style></head><body><header><h1>Sticky header</h1>"
              + "</header><main><p>Top of a 6000-px page.</p></main><div id='deep'></div>"
              + "</body></html>",
          "/badge",
          HEAD
              + "@keyframes glow{from,to{background:#c33}50%{background:#33c}}"
              + "#badge{position:absolute;left:"
              + BADGE_X
              + "px;top:"
              + BADGE_Y
              + "px;width:"
              + BADGE_WIDTH
              + "px;height:"
              + BADGE_HEIGHT
              + "px;animation:glow 2s linear infinite}"
              + "</style></head><body><h1>Badge</h1><div id='badge'></div></body></html>",
          "/empty",
          HEAD
              + "#flat{width:430px;height:0;margin-top:10.5px}#thin{width:0;height:50px}"
              + "#gone{display:none;width:100px;height:50px}"
              + "#ghost{visibility:hidden;width:100px;height:50px;background:#3a7}"
              + "#doomed{width:100px;height:50px;background:#3a7}"
              + "</style></head><body><h1>Nothing to see</h1><div id='flat'></div>"
              + "<div id='thin'></div><div id='gone'></div><div id='ghost'></div>"
              + "<div id='doomed'></div></body></html>",
          "/unstable",
          HEAD
              + "#noise{position:absolute;left:"
              + NOISE_X
              + "px;top:"
              + NOISE_Y
              + "px;width:"
              + NOISE_SIZE
              + "px;height:"
              + NOISE_SIZE
              + "px}</style></head><body><div id='noise'></div><script>"
              + "const n=document.getElementById('noise');let i=0;"
              + "const paint=()=>{i=(i+37)%360;n.style.background='hsl('+i+',70%,50%)';"
              + "requestAnimationFrame(paint)};paint()</script></body></html>");

  /**
   * Holds back the font of {@code /gated-font} (the {@code /font} page with another font URL) until
   * {@link #openFontGate()}, so a test can capture it before its font arrived however slow the
   * machine is.
   */
  private final java.util.concurrent.CountDownLatch fontGate =
      new java.util.concurrent.CountDownLatch(1);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final byte[] font;

  public TestPages() {
    try (InputStream in = TestPages.class.getResourceAsStream("late-font.ttf")) {
      font = in.readAllBytes();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Lets {@code /gated-font}'s font be served. */
  public void openFontGate() {
    fontGate.countDown();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      if (path.equals("/gated-font.ttf") || path.equals("/late-font.ttf")) {
        try {
          if (path.equals("/gated-font.ttf")) {
            fontGate.await(2, java.util.concurrent.TimeUnit.MINUTES);
          } else {
            Thread.sleep(FONT_DELAY_MILLIS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        send(exchange, 200, "font/ttf", font);
        return;
      }
      String page =
          path.equals("/gated-font")
              ? PAGES.get("/font").replace("/late-font.ttf", "/gated-font.ttf")
              : PAGES.get(path);
      if (page == null) {
        send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
