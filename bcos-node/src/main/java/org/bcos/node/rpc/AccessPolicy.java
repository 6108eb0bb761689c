package org.bcos.node.rpc;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may drive the node over HTTP and WebSocket, checked on each request head before its body is
 * read: the {@code Host} header must name a configured host (against DNS rebinding: a page whose
 * name resolves to this node still sends its own name), a browser's {@code Origin} must be the
 * node's own origin or a configured one (a foreign page may not call or upgrade), and {@code POST
 * /rpc} must be {@code application/json} (so a cross-site form or {@code text/plain} POST, which
 * browsers send without asking, is never run). Requests without {@code Origin} (curl, the SDK,
 * other servers) are not web pages and pass the origin rule.
 */
final class AccessPolicy {
  private static final String ANY = "*";
  private final boolean anyHost;
  private final Set<String> hosts;
  private final boolean anyOrigin;
  private final Set<String> origins;

  AccessPolicy(List<String> allowedHosts, List<String> allowedOrigins) {
    this.anyHost = allowedHosts.contains(ANY);
    this.hosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    this.anyOrigin = allowedOrigins.contains(ANY);
    this.origins = allowedOrigins.stream().map(AccessPolicy::normalOrigin)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The refusal for this request head, or empty when it may proceed. */
  Optional<RpcRefusal> check(HttpRequest head, String path) {
    String host = head.headers().get(HttpHeaderNames.HOST);
    if (!hostAllowed(host)) return Optional.of(RpcRefusal.HOST_NOT_ALLOWED);
    String origin = head.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !originAllowed(origin, host)) {
      return Optional.of(RpcRefusal.ORIGIN_NOT_ALLOWED);
    }
    if (head.method() == HttpMethod.POST && path.equals("/rpc") && !isJson(head)) {
      return Optional.of(RpcRefusal.UNSUPPORTED_CONTENT_TYPE);
    }
    return Optional.empty();
  }

  /** Whether a request with this Origin comes from another (configured) site: CORS applies. */
  boolean isForeignAllowedOrigin(String origin, String host) {
    return origin != null && !sameOrigin(origin, host) && originAllowed(origin, host);
  }

  boolean hostAllowed(String host) {
    if (anyHost) return true;
    if (host == null || host.isEmpty()) return false;
    String h = host.toLowerCase(Locale.ROOT);
    return hosts.contains(h) || hosts.contains(hostName(h));
  }

  boolean originAllowed(String origin, String host) {
    if (anyOrigin) return true;
    if (origin.equals("null")) return false;
    return sameOrigin(origin, host) || origins.contains(normalOrigin(origin));
  }

  /** Origin {@code scheme://host[:port]} names the server the request was sent to. */
  private static boolean sameOrigin(String origin, String host) {
    if (host == null) return false;
    try {
      URI o = new URI(origin);
      if (o.getHost() == null || o.getScheme() == null) return false;
      int defaultPort = o.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
      String h = host.toLowerCase(Locale.ROOT);
      String hName = hostName(h);
      int hostPort = hName.length() == h.length() ? defaultPort
          : Integer.parseInt(h.substring(hName.length() + 1));
      return o.getHost().toLowerCase(Locale.ROOT).equals(hName) && originPort == hostPort;
    } catch (URISyntaxException | NumberFormatException e) {
      return false;
    }
  }

  /** {@code host:port} → {@code host}; IPv6 literals keep their brackets. */
  static String hostName(String hostHeader) {
    int close = hostHeader.lastIndexOf(']');
    int colon = hostHeader.lastIndexOf(':');
    return colon > close ? hostHeader.substring(0, colon) : hostHeader;
  }

  private static String normalOrigin(String origin) {
    String o = origin.toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  private static boolean isJson(HttpRequest head) {
    String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type == null) return false;
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return media.equalsIgnoreCase("application/json");
  }
}
