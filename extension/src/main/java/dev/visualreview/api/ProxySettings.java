package dev.visualreview.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The proxy the client uses: the JVM's {@code https.proxyHost}/{@code https.proxyPort} first, then
 * the {@code HTTPS_PROXY}/{@code https_proxy} environment variable, else the JVM default. Loopback
 * hosts and hosts in {@code NO_PROXY} always go direct.
 */
public final class ProxySettings {
  private ProxySettings() {}

  /** The proxy selector for this JVM's system properties and environment. */
  public static ProxySelector fromEnvironment() {
    return from(System.getProperties(), System.getenv());
  }

  /** The proxy selector for the given system properties and environment. */
  public static ProxySelector from(Properties system, Map<String, String> env) {
    String host = system.getProperty("https.proxyHost");
    if (host != null && !host.isBlank()) {
      int port = parsePort(system.getProperty("https.proxyPort"), 443, "https.proxyPort");
      return new Selector(new InetSocketAddress(host.trim(), port), noProxy(system, env));
    }
    String url = env.getOrDefault("HTTPS_PROXY", env.get("https_proxy"));
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.contains("://") ? url.trim() : "http://" + url.trim());
      if (uri.getHost() == null) {
        throw new IllegalArgumentException(
            "HTTPS_PROXY is not a usable proxy URL: '" + url + "' (expected http://host:port)");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : 80;
      return new Selector(
          InetSocketAddress.createUnresolved(uri.getHost(), port), noProxy(system, env));
    }
    return ProxySelector.getDefault() != null ? ProxySelector.getDefault() : Selector.DIRECT;
  }

  private static List<String> noProxy(Properties system, Map<String, String> env) {
    String value = env.getOrDefault("NO_PROXY", env.getOrDefault("no_proxy", ""));
    String jvm = system.getProperty("http.nonProxyHosts", "");
    return java.util.stream.Stream.concat(
            java.util.Arrays.stream(value.split(",")), java.util.Arrays.stream(jvm.split("\\|")))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static int parsePort(String value, int fallback, String name) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'", e);
    }
  }

  private static final class Selector extends ProxySelector {
    static final Selector DIRECT = new Selector(null, List.of());
    private final SocketAddress proxy;
    private final List<String> bypass;

    Selector(SocketAddress proxy, List<String> bypass) {
      this.proxy = proxy;
      this.bypass = bypass;
    }

    @Override
    public List<Proxy> select(URI uri) {
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      if (proxy == null || HostPolicy.isLoopback(host) || bypassed(host)) {
        return List.of(Proxy.NO_PROXY);
      }
      return List.of(new Proxy(Proxy.Type.HTTP, proxy));
    }

    private boolean bypassed(String host) {
      for (String rule : bypass) {
        String r = rule.startsWith("*") ? rule.substring(1) : rule;
        if (host.equals(r) || (r.startsWith(".") ? host.endsWith(r) : host.endsWith("." + r))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}

    @Override
    public String toString() {
      return proxy == null ? "direct" : "proxy " + proxy;
    }
  }
}
