package dev.visualreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review server over raw HTTP: only the page it served, on this machine, under its own name,
 * can change anything; nothing outside the report's images is served.
 */
class ReviewServerTest {
  static final byte[] BLUE = LocalRun.page(Color.BLUE);
  static final byte[] RED = LocalRun.page(Color.RED);

  @TempDir Path module;
  LocalRun run;
  ReviewServer server;
  final List<String> log = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  String origin;
  String token;

  @BeforeEach
  void serve() throws Exception {
    run = new LocalRun(module).baseline("Cart--total--price", BLUE).shot("Cart--total--price", RED);
    run.run();
    server = ReviewServer.start(run.review(log), 0, log::add);
    origin = "http://127.0.0.1:" + server.port();
    HttpResponse<String> page = get("/");
    Matcher m = Pattern.compile("name=\"review-token\" content=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).isTrue();
    token = m.group(1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String origin, String token, String type)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (token != null) {
      b.header(ReviewServer.TOKEN_HEADER, token);
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String accept = "{\"identifiers\":[\"Cart--total--price\"]}";

  @Test
  void theServedPageAcceptsWithItsTokenAndOrigin() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("frame-ancestors 'none'", "connect-src 'self'", "script-src 'nonce-");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");

    HttpResponse<String> r = post("/accept", accept, origin, token, "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("accepted Cart--total--price", "\"remaining\":0");
    assertThat(run.baselineBytes("Cart--total--price")).isEqualTo(RED);
  }

  @Test
  void aRequestWithoutTheTokenIsRefused() throws Exception {
    HttpResponse<String> r = post("/accept", accept, origin, null, "application/json");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("lacks the review page's token");
    assertThat(post("/accept", accept, origin, "wrong", "application/json").statusCode())
        .isEqualTo(403);
    assertThat(run.baselineBytes("Cart--total--price")).isEqualTo(BLUE);
    assertThat(log).anyMatch(l -> l.contains("refused a POST to /accept"));
  }

  @Test
  void aRequestFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
    for (String other :
        List.of("http://evil.example", "http://127.0.0.1:1", "null", "https://127.0.0.1:" + 1)) {
      HttpResponse<String> r = post("/accept", accept, other, token, "application/json");
      assertThat(r.statusCode()).as(other).isEqualTo(403);
      assertThat(r.body()).contains("must come from the review page itself");
    }
    assertThat(post("/accept", accept, null, token, "application/json").statusCode())
        .as("no Origin at all")
        .isEqualTo(403);
    // a form post (no preflight) is not JSON
    assertThat(post("/accept", accept, origin, token, "text/plain").statusCode()).isEqualTo(403);
    assertThat(run.baselineBytes("Cart--total--price")).isEqualTo(BLUE);
  }

  @Test
  void aWrongHostHeaderIsRefusedAgainstDnsRebinding() throws Exception {
    String response =
        raw(
            "GET / HTTP/1.1\r\nHost: evil.example:"
                + server.port()
                + "\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 403").contains("wrong Host");
    assertThat(response).doesNotContain(token);

    String body = accept;
    String post =
        raw(
            "POST /accept HTTP/1.1\r\nHost: rebound.example:"
                + server.port()
                + "\r\nOrigin: http://rebound.example:"
                + server.port()
                + "\r\n"
                + ReviewServer.TOKEN_HEADER
                + ": "
                + token
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);
    assertThat(post).startsWith("HTTP/1.1 403");
    assertThat(run.baselineBytes("Cart--total--price")).isEqualTo(BLUE);

    assertThat(
            raw(
                "GET / HTTP/1.1\r\nHost: localhost:"
                    + server.port()
                    + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void requestsABrowserMarksCrossSiteAreRefused() throws Exception {
    String response =
        raw(
            "GET /images/Cart--total--price/current.png HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port()
                + "\r\nSec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 403");
  }

  @Test
  void bodiesAreBounded() throws Exception {
    String huge = "{\"identifiers\":[\"" + "x".repeat(ReviewServer.MAX_BODY) + "\"]}";
    HttpResponse<String> r = post("/accept", huge, origin, token, "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("larger than");
  }

  @Test
  void onlyTheReportsImagesAreServed() throws Exception {
    HttpResponse<byte[]> image =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("images/Cart--total--price/current.png"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.body()).isEqualTo(RED);
    assertThat(image.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");

    Files.writeString(module.resolve("secret.txt"), "secret");
    for (String path :
        List.of(
            "/result.json",
            "/images/%2e%2e/result.json",
            "/images/..%2f..%2fsecret.txt",
            "/images/Cart--total--price/..%2F..%2F..%2F..%2Fsecret.txt",
            "/%2Fetc%2Fpasswd")) {
      String response =
          raw(
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + server.port()
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(response).as(path).startsWith("HTTP/1.1 404").doesNotContain("secret\n");
    }
  }

  @Test
  void unknownIdentifiersGetCloseMatchesAndNothingChanges() throws Exception {
    HttpResponse<String> r =
        post(
            "/accept",
            "{\"identifiers\":[\"Cart--totl--price\"]}",
            origin,
            token,
            "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("did you mean Cart--total--price");
    assertThat(post("/accept", "[1,2]", origin, token, "application/json").statusCode())
        .isEqualTo(400);
    assertThat(post("/accept", "not json", origin, token, "application/json").statusCode())
        .isEqualTo(400);
    assertThat(run.baselineBytes("Cart--total--price")).isEqualTo(BLUE);
  }

  @Test
  void itListensOnLoopbackOnly() throws Exception {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    InetAddress other = null;
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (!a.isLoopbackAddress() && a instanceof Inet4Address) {
          other = a;
        }
      }
    }
    Assumptions.assumeTrue(other != null, "this machine has no address besides loopback");
    InetAddress address = other;
    assertThatThrownBy(() -> new Socket(address, server.port()).close())
        .as("connecting to " + address + ":" + server.port())
        .isInstanceOf(ConnectException.class);
  }

  private String raw(String request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
