package org.bcos.p2p;

import org.bcos.types.Hash;

/**
 * Where a peer listens, and its node id when known (seeds may not carry one).
 *
 * @param host IP address or host name, 1..255 characters
 * @param port 1..65535
 * @param nodeId SHA-256 of the peer's Ed25519 key, or null when not yet known
 */
public record PeerAddress(String host, int port, Hash nodeId) {
  public static final int MAX_HOST_BYTES = 255;

  public PeerAddress {
    if (host == null || host.isEmpty() || host.length() > MAX_HOST_BYTES) {
      throw new IllegalArgumentException("a peer host is 1.." + MAX_HOST_BYTES + " characters");
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException("bad peer port " + port);
  }

  /** Parses {@code host:port} (IPv6 as {@code [addr]:port}). */
  public static PeerAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + hostPort + "'");
    }
    return new PeerAddress(host, port, null);
  }

  /** {@code host:port}, the key under which an address is remembered. */
  public String key() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public PeerAddress withNodeId(Hash id) {
    return new PeerAddress(host, port, id);
  }
}
