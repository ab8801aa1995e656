package dev.visualreview.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: {@code http://evil.localhost} counted as loopback but was resolved through DNS (a query
 * left the machine, and its answer decided where the key went in clear text). Plain http is only
 * for literal loopback addresses, and for {@code localhost}, which the client itself maps to
 * 127.0.0.1 without asking any resolver.
 */
class HostPolicyTest {

  @Test
  void plainHttpToANameThatNeedsALookupIsRefused() {
    for (String host :
        List.of(
            "http://evil.localhost",
            "http://evil.localhost:8000",
            "http://localhost.",
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "http://127.0.0.1.example.com",
            "http://[::2]",
            "http://[fe80::1]")) {
      assertThatThrownBy(() -> new VisualReviewClient(ApiSettings.of(host, "2", ApiKey.of("k-1"))))
          .as(host)
          .isInstanceOf(InsecureHostException.class)
          .hasMessageContaining("refusing to send the PostHog API key over plain http")
          .hasMessageContaining("127.0.0.1, [::1] or localhost");
    }
  }

  @Test
  void literalLoopbackAddressesAndLocalhostAreAllowed() {
    for (String host :
        List.of(
            "http://localhost:1",
            "http://LocalHost:1",
            "http://127.0.0.1:1",
            "http://127.1.2.3",
            "http://[::1]:8000",
            "http://[0:0:0:0:0:0:0:1]",
            "http://[::ffff:127.0.0.1]",
            "https://evil.localhost",
            "https://eu.posthog.com")) {
      new VisualReviewClient(ApiSettings.of(host, "2", ApiKey.of("k-123456")));
    }
  }

  @Test
  void localhostIsReachedAt127001WithoutANameLookup() {
    try (ClientFixture f = new ClientFixture()) {
      String port = f.server.host().substring(f.server.host().lastIndexOf(':') + 1);
      VisualReviewClient viaName =
          new VisualReviewClient(
              ApiSettings.of("http://localhost:" + port, "2", ApiKey.of(f.server.apiKey())),
              f.sleeper,
              f.logs::add);

      viaName.getRepo(f.server.repoId());

      // The Host header shows which address the client connected to by name: had it resolved
      // "localhost" (hosts file, DNS), the header would still say localhost.
      assertThat(f.server.requests("GET", "^/repos/[^/]+/$"))
          .singleElement()
          .satisfies(r -> assertThat(r.headers()).containsEntry("Host", "127.0.0.1:" + port));
      assertThat(viaName.settings().reviewUrl("r")).startsWith("http://localhost:" + port + "/");
    }
  }
}
