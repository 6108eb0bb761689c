package org.bcos.node.rpc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API server's own counters and gauges, appended to {@code GET /metrics}: refusals by reason,
 * open connections and the request bytes it holds.
 */
final class RpcServerMetrics {
  private final Map<RpcRefusal, LongAdder> refusals = new EnumMap<>(RpcRefusal.class);
  /** Request-body bytes received and not yet answered, across all connections. */
  final AtomicLong bufferedBytes = new AtomicLong();

  RpcServerMetrics() {
    for (RpcRefusal r : RpcRefusal.values()) refusals.put(r, new LongAdder());
  }

  void refused(RpcRefusal reason) {
    refusals.get(reason).increment();
  }

  long count(RpcRefusal reason) {
    return refusals.get(reason).sum();
  }

  String render(int openConnections, int openWebSockets) {
    StringBuilder sb = new StringBuilder(2048);
    family(sb, RpcRefusal.Kind.CONNECTION, "bcos_rpc_connections_refused_total",
        "API connections refused, by reason");
    family(sb, RpcRefusal.Kind.CLOSE, "bcos_rpc_connections_closed_total",
        "API connections closed by the server, by reason");
    family(sb, RpcRefusal.Kind.REQUEST, "bcos_rpc_requests_refused_total",
        "API requests refused or stopped, by reason");
    gauge(sb, "bcos_rpc_connections_open", "Open API connections (HTTP and WebSocket)",
        openConnections);
    gauge(sb, "bcos_rpc_websockets_open", "Open WebSocket connections", openWebSockets);
    gauge(sb, "bcos_rpc_buffered_bytes", "Request bytes held and not yet answered",
        bufferedBytes.get());
    return sb.toString();
  }

  private void family(StringBuilder sb, RpcRefusal.Kind kind, String name, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n");
    for (RpcRefusal r : RpcRefusal.values()) {
      if (r.kind() != kind) continue;
      sb.append(name).append("{reason=\"").append(r.name()).append("\"} ")
          .append(refusals.get(r).sum()).append('\n');
    }
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value).append('\n');
  }
}
