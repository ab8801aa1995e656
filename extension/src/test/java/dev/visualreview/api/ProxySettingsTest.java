package dev.visualreview.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
  private static final URI POSTHOG = URI.create("https://us.posthog.com/api/projects/2/");

  @Test
  void jvmHttpsProxyPropertiesComeFirst() {
    Properties p = new Properties();
    p.setProperty("https.proxyHost", "proxy.corp");
    p.setProperty("https.proxyPort", "3128");
    Proxy proxy =
        ProxySettings.from(p, Map.of("HTTPS_PROXY", "http://other:1")).select(POSTHOG).get(0);
    assertThat(proxy.type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(((InetSocketAddress) proxy.address()).getHostString()).isEqualTo("proxy.corp");
    assertThat(((InetSocketAddress) proxy.address()).getPort()).isEqualTo(3128);
  }

  @Test
  void httpsProxyEnvironmentVariableIsUsedAndLoopbackAndNoProxyGoDirect() {
    var selector =
        ProxySettings.from(
            new Properties(),
            Map.of("https_proxy", "http://squid:8080", "NO_PROXY", "internal.example,.corp"));
    Proxy proxy = selector.select(POSTHOG).get(0);
    assertThat(((InetSocketAddress) proxy.address()).getHostString()).isEqualTo("squid");
    assertThat(((InetSocketAddress) proxy.address()).getPort()).isEqualTo(8080);
    assertThat(selector.select(URI.create("http://127.0.0.1:9000/x")).get(0))
        .isEqualTo(Proxy.NO_PROXY);
    assertThat(selector.select(URI.create("https://internal.example/x")).get(0))
        .isEqualTo(Proxy.NO_PROXY);
    assertThat(selector.select(URI.create("https://s3.corp/x")).get(0)).isEqualTo(Proxy.NO_PROXY);
  }

  @Test
  void aBadPortIsNamed() {
    Properties p = new Properties();
    p.setProperty("https.proxyHost", "proxy.corp");
    p.setProperty("https.proxyPort", "eighty");
    assertThatThrownBy(() -> ProxySettings.from(p, Map.of()))
        .hasMessageContaining("https.proxyPort must be a port number, got 'eighty'");
  }
}
