package org.bcos.node.rpc;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The API server's own counters and gauges, registered with the node's metrics registry (served
 * at {@code GET /metrics}): refusals by reason, open connections and the request bytes it holds.
 */
final class RpcServerMetrics {
  private final Map<RpcRefusal, CounterDataPoint> refusals = new EnumMap<>(RpcRefusal.class);
  /** Request-body bytes received and not yet answered, across all connections. */
  final AtomicLong bufferedBytes = new AtomicLong();

  /** Counters in {@code registry}, every reason at 0 (so each is reported, zero or not). */
  RpcServerMetrics(PrometheusRegistry registry) {
    family(registry, RpcRefusal.Kind.CONNECTION, "bcos_rpc_connections_refused",
        "API connections refused, by reason");
    family(registry, RpcRefusal.Kind.CLOSE, "bcos_rpc_connections_closed",
        "API connections closed by the server, by reason");
    family(registry, RpcRefusal.Kind.REQUEST, "bcos_rpc_requests_refused",
        "API requests refused or stopped, by reason");
    GaugeWithCallback.builder().name("bcos_rpc_buffered_bytes")
        .help("Request bytes held and not yet answered")
        .callback(gauge -> gauge.call(bufferedBytes.get())).register(registry);
  }

  /** Gauges read at each scrape: open connections (HTTP and WebSocket) and WebSockets. */
  void watch(PrometheusRegistry registry, IntSupplier openConnections, IntSupplier webSockets) {
    GaugeWithCallback.builder().name("bcos_rpc_connections_open")
        .help("Open API connections (HTTP and WebSocket)")
        .callback(gauge -> gauge.call(openConnections.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("bcos_rpc_websockets_open").help("Open WebSocket connections")
        .callback(gauge -> gauge.call(webSockets.getAsInt())).register(registry);
  }

  void refused(RpcRefusal reason) {
    refusals.get(reason).inc();
  }

  long count(RpcRefusal reason) {
    return (long) refusals.get(reason).get();
  }

  private void family(PrometheusRegistry registry, RpcRefusal.Kind kind, String name,
      String help) {
    Counter counter = Counter.builder().name(name).help(help).labelNames("reason")
        .register(registry);
    for (RpcRefusal r : RpcRefusal.values()) {
      if (r.kind() == kind) refusals.put(r, counter.labelValues(r.name()));
    }
  }
}
