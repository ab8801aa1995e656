package dev.visualreview.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Optional;

/**
 * Says in words what went wrong with a connection, for error messages and retry logs: a timeout, a
 * host name that does not resolve, a proxy that refused the tunnel (naming the proxy and how to
 * bypass it), a refused connection, or a connection that was closed.
 */
final class ConnectionProblems {
  private ConnectionProblems() {}

  /** What went wrong when {@code http} sent a request to {@code target}. */
  static String describe(IOException e, HttpClient http, URI target) {
    if (e instanceof HttpTimeoutException) {
      return "timed out (" + e.getMessage() + ")";
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Tunnel failed")) {
      return "the proxy "
          + proxyOf(http, target).orElse("in use")
          + " refused to open a tunnel to "
          + target.getHost()
          + " ("
          + message
          + "): check the proxy settings (https.proxyHost / HTTPS_PROXY), or list the host in"
          + " NO_PROXY to go direct";
    }
    if (unresolved(e)) {
      return "the host name "
          + target.getHost()
          + " does not resolve: check the host setting and this machine's DNS";
    }
    if (e instanceof ConnectException) {
      return "connection refused or unreachable" + (message.isEmpty() ? "" : " (" + message + ")");
    }
    return (message.isBlank() ? e.getClass().getSimpleName() : message)
        + " (the connection was closed or reset)";
  }

  private static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** The HTTP proxy the client would use for {@code target}, as host:port. */
  private static Optional<String> proxyOf(HttpClient http, URI target) {
    Optional<ProxySelector> selector = http.proxy();
    if (selector.isEmpty()) {
      return Optional.empty();
    }
    List<Proxy> proxies = selector.get().select(target);
    for (Proxy proxy : proxies) {
      if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress a) {
        return Optional.of(a.getHostString() + ":" + a.getPort());
      }
    }
    return Optional.empty();
  }
}
