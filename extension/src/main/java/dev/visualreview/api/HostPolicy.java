package dev.visualreview.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The rule that the API key only travels over HTTPS, except to this machine for local testing.
 *
 * <p>"This machine" means a literal loopback address (127.0.0.0/8, {@code ::1}) or the name {@code
 * localhost} exactly, which the client maps to 127.0.0.1 itself: any other name (even {@code
 * evil.localhost}) would be looked up, possibly through DNS, and the answer would decide where the
 * key goes in clear text. Loopback http requests never go through a proxy.
 */
final class HostPolicy {
  private static final String LOCALHOST = "localhost";
  private static final String LOCALHOST_ADDRESS = "127.0.0.1";

  private HostPolicy() {}

  /** Checks the host URL and returns it parsed. */
  static URI check(String host) {
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      throw new InsecureHostException(
          "the PostHog host '" + host + "' is not a valid URL: use e.g. https://us.posthog.com");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new InsecureHostException(
          "the PostHog host '"
              + host
              + "' is not an http(s) URL with a host name: use e.g. https://us.posthog.com");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new InsecureHostException(
          "refusing to send the PostHog API key over plain http to "
              + uri.getHost()
              + ": anyone on the network could read it. Use https://"
              + uri.getHost()
              + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
              + " (plain http is only allowed to this machine for local testing, written as"
              + " 127.0.0.1, [::1] or localhost: other names would be looked up first)");
    }
    return uri;
  }

  /**
   * {@code localhost}, a literal 127.0.0.0/8 address or a literal IPv6 loopback address, decided
   * from the text alone: no name is looked up.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals(LOCALHOST)) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.contains(":")) {
      return isIpv6Loopback(h);
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** For an IPv6 literal, {@link InetAddress#getByName} only parses the text (no lookup). */
  private static boolean isIpv6Loopback(String literal) {
    if (!literal.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      return false;
    }
    try {
      return InetAddress.getByName("[" + literal + "]").isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The URL to connect to: {@code http://localhost} becomes {@code http://127.0.0.1}. */
  static URI withoutNameLookup(URI url) {
    if (!"http".equalsIgnoreCase(url.getScheme())
        || url.getHost() == null
        || !url.getHost().equalsIgnoreCase(LOCALHOST)) {
      return url;
    }
    return URI.create(
        url.getScheme()
            + "://"
            + (url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@")
            + LOCALHOST_ADDRESS
            + (url.getPort() >= 0 ? ":" + url.getPort() : "")
            + (url.getRawPath() == null ? "" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  /** A selector that sends loopback http straight to this machine and asks {@code next} else. */
  static ProxySelector directForLoopback(ProxySelector next) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        if ("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost())) {
          return List.of(Proxy.NO_PROXY);
        }
        return next.select(uri);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {
        next.connectFailed(uri, address, e);
      }

      @Override
      public String toString() {
        return next.toString();
      }
    };
  }
}
