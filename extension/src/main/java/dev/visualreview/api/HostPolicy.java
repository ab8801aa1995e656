package dev.visualreview.api;

import java.net.URI;
import java.util.Locale;

/** The rule that the API key only travels over HTTPS, except to this machine for local testing. */
final class HostPolicy {
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
              + " (plain http is only allowed for loopback hosts used in local testing)");
    }
    return uri;
  }

  /** localhost, 127.0.0.0/8 and ::1, without a DNS lookup. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")) {
      return true;
    }
    if (h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.");
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
