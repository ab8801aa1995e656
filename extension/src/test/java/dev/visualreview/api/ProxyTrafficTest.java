package dev.visualreview.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The API traffic really goes through the configured HTTPS proxy. Loopback hosts always go direct,
 * so the client talks to a host name that does not resolve ({@code .invalid}): only a proxy can
 * carry it. The proxy here is a socket on this machine that records what it is asked and refuses
 * the tunnel, which is as far as a test without a trusted TLS peer can follow the request.
 */
class ProxyTrafficTest {
  private static final String KEY = "phx_proxy_traffic_key_0123456789";
  private static final String HOST = "https://posthog.proxy-test.invalid";

  @Test
  void apiCallsAskTheConfiguredProxyForATunnelAndNeverShowItTheKey() throws Exception {
    try (RefusingProxy proxy = new RefusingProxy("HTTP/1.1 403 Forbidden")) {
      VisualReviewClient client = client(proxy, Map.of());

      assertThatThrownBy(() -> client.getRun("run-1"))
          .isInstanceOf(ConnectionFailedException.class)
          .hasMessageContaining("Could not reach PostHog Visual Review at " + HOST)
          .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port() + " refused")
          .hasMessageContaining("403")
          .hasMessageContaining("NO_PROXY")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));

      assertThat(proxy.requests()).isNotEmpty();
      assertThat(proxy.requests())
          .allSatisfy(
              head -> assertThat(head).startsWith("CONNECT posthog.proxy-test.invalid:443 "));
      assertThat(String.join("\n", proxy.requests())).doesNotContain(KEY);
    }
  }

  @Test
  void hostsInNoProxyGoDirect() throws Exception {
    try (RefusingProxy proxy = new RefusingProxy("HTTP/1.1 403 Forbidden")) {
      VisualReviewClient client = client(proxy, Map.of("NO_PROXY", ".proxy-test.invalid"));

      assertThatThrownBy(() -> client.getRun("run-1"))
          .isInstanceOf(ConnectionFailedException.class)
          .hasMessageContaining("Could not reach PostHog Visual Review at " + HOST)
          .hasMessageContaining("does not resolve")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("the proxy"));

      assertThat(proxy.requests()).isEmpty();
    }
  }

  private static VisualReviewClient client(RefusingProxy proxy, Map<String, String> env) {
    Properties system = new Properties();
    system.setProperty("https.proxyHost", "127.0.0.1");
    system.setProperty("https.proxyPort", String.valueOf(proxy.port()));
    ApiSettings settings =
        ApiSettings.of(HOST, "2", ApiKey.of(KEY))
            .withProxy(ProxySettings.from(system, env))
            .withMaxRetries(1);
    return new VisualReviewClient(settings, new TestSleeper(), line -> {});
  }

  /** Records the head of every request it receives and answers each with one status line. */
  private static final class RefusingProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RefusingProxy(String statusLine) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket connection = socket.accept()) {
                    requests.add(head(connection.getInputStream()));
                    connection
                        .getOutputStream()
                        .write(
                            (statusLine + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    // closed: the test is over
                  }
                }
              },
              "refusing proxy");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> requests() {
      return new ArrayList<>(requests);
    }

    private static String head(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length && head.size() < 65_536) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
