package org.bcos.node.rpc;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Admits API connections within the total and per-IP caps and the file-descriptor reserve. At a
 * cap (or the reserve), the connection that has waited longest without sending a complete request (idle keep-alive
 * or a slow header) is closed to make room ({@code EVICTED_IDLE}), so idle sockets can never lock
 * out a client that has something to ask (such as {@code /health}); when every connection is busy
 * the new one is refused by name. Thread-safe (accepts come from several event loops).
 */
final class ConnectionLimiter {
  private final int maxConnections;
  private final int maxPerIp;
  private final int reservedDescriptors;
  private final FileDescriptors descriptors;
  private final RpcServerMetrics metrics;
  // insertion order = connection age: the scan for a victim meets older connections first
  private final Map<Channel, ConnectionGuard> open = new LinkedHashMap<>();
  private final Map<InetAddress, Integer> perIp = new HashMap<>();

  ConnectionLimiter(int maxConnections, int maxPerIp, int reservedDescriptors,
      FileDescriptors descriptors, RpcServerMetrics metrics) {
    this.maxConnections = maxConnections;
    this.maxPerIp = Math.min(maxPerIp, maxConnections);
    this.reservedDescriptors = reservedDescriptors;
    this.descriptors = descriptors;
    this.metrics = metrics;
  }

  /**
   * Admits {@code guard}'s connection from {@code ip}, evicting an idle one if a cap is reached;
   * or names why it is refused.
   */
  synchronized Optional<RpcRefusal> admit(ConnectionGuard guard, InetAddress ip) {
    // near the descriptor limit an idle connection still makes room: one closes, one opens
    if (descriptors.free(open.size()) < reservedDescriptors && !evictIdlest(null)) {
      return Optional.of(RpcRefusal.FD_RESERVE);
    }
    if (perIp.getOrDefault(ip, 0) >= maxPerIp && !evictIdlest(ip)) {
      return Optional.of(RpcRefusal.TOO_MANY_CONNECTIONS_FROM_IP);
    }
    if (open.size() >= maxConnections && !evictIdlest(null)) {
      return Optional.of(RpcRefusal.TOO_MANY_CONNECTIONS);
    }
    open.put(guard.channel(), guard);
    perIp.merge(ip, 1, Integer::sum);
    return Optional.empty();
  }

  /** Forgets a closed connection (idempotent: an evicted one was forgotten already). */
  synchronized void release(ConnectionGuard guard, InetAddress ip) {
    if (open.remove(guard.channel()) != null) perIp.computeIfPresent(ip, (k, n) -> n > 1 ? n - 1 : null);
  }

  synchronized int openConnections() {
    return open.size();
  }

  /** Closes the connection (of {@code ip}, or any when null) idle longest; false if none is. */
  private boolean evictIdlest(InetAddress ip) {
    ConnectionGuard victim = null;
    for (ConnectionGuard g : open.values()) {
      if (!g.isWaitingForRequest() || (ip != null && !ip.equals(g.remoteIp()))) continue;
      if (victim == null || g.waitingSinceNanos() - victim.waitingSinceNanos() < 0) victim = g;
    }
    if (victim == null) return false;
    release(victim, victim.remoteIp());
    metrics.refused(RpcRefusal.EVICTED_IDLE);
    victim.channel().close();
    return true;
  }
}
