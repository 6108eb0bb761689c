package org.bcos.node;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.node.mempool.Mempool;
import org.bcos.node.rpc.RpcServer;
import org.bcos.p2p.P2pMetrics;
import org.bcos.p2p.Penalty;
import org.bcos.p2p.PeerManager;
import org.bcos.types.tx.Rejection;

/**
 * A node's metrics, kept by the Prometheus Java client and served at {@code GET /metrics} in the
 * Prometheus text format: the node's own (chain, mempool, admission, consensus, P2P, and the API
 * server's, which registers itself) in one registry per node, then the JVM's and the process's
 * (memory, GC, threads, CPU, file descriptors) from one registry per process. The metric names
 * are listed in docs/OPERATIONS.md.
 */
public final class NodeMetrics implements RpcServer.Exposition {
  private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Gauge height = gauge("bcos_chain_height", "Height of the last committed block");
  private final Counter blocks = counter("bcos_blocks_committed", "Blocks committed since start");
  private final Counter txsFinal = counter("bcos_txs_final", "Transactions final since start");
  private final Gauge lastBlockSeconds = gauge("bcos_last_block_build_seconds",
      "Time to build and commit the last block");
  private final Counter admitted = counter("bcos_txs_admitted",
      "Transactions admitted to the mempool");
  private final Counter rpcRequests = counter("bcos_rpc_requests", "JSON-RPC calls served");
  /** By reason code; every reason is known up front, so each is reported, zero or not. */
  private final Map<Integer, CounterDataPoint> rejected = new HashMap<>();

  public NodeMetrics() {
    Counter byReason = Counter.builder().name("bcos_txs_rejected")
        .help("Transactions refused at admission, by reason").labelNames("reason")
        .register(registry);
    for (Rejection r : Modules.STANDARD.rejections()) {
      rejected.put(r.code(), byReason.labelValues(r.name()));
    }
  }

  /** The node's registry, where its parts (the API server) register their own metrics. */
  public PrometheusRegistry registry() {
    return registry;
  }

  void blockCommitted(Block block, long micros) {
    height.set(block.height());
    blocks.inc();
    txsFinal.inc(block.transactions().size());
    lastBlockSeconds.set(micros / 1e6);
  }

  public void admitted() {
    admitted.inc();
  }

  public void rejected(Rejection r) {
    CounterDataPoint count = rejected.get(r.code());
    if (count != null) count.inc();
  }

  public void rpcRequest() {
    rpcRequests.inc();
  }

  /** Pending transactions and bytes, read at each scrape. */
  void watch(Mempool mempool) {
    sampled("bcos_mempool_txs", "Pending transactions", mempool::size);
    sampled("bcos_mempool_bytes", "Pending transaction bytes", mempool::bytes);
  }

  /** The consensus status of a validator, read at each scrape. */
  void watch(ConsensusService consensus) {
    sampled("bcos_consensus_height", "Height consensus is deciding",
        () -> consensus.status().height());
    sampled("bcos_consensus_round", "Round of the height being decided",
        () -> consensus.status().round());
    sampled("bcos_consensus_validators", "Validators of that height",
        () -> consensus.status().validators());
    sampled("bcos_consensus_last_commit_round", "Round the last block was decided in",
        () -> consensus.status().lastCommitRound());
    sampled("bcos_consensus_last_commit_signers", "Precommits in the last certificate",
        () -> consensus.status().lastCommitSigners());
  }

  /** The P2P layer's peers and counters (kept by bcos-p2p), read at each scrape. */
  void watch(PeerManager peers) {
    P2pMetrics p2p = peers.metrics();
    sampled("bcos_p2p_peers", "Connected peers", () -> peers.peers().size());
    CounterWithCallback.builder().name("bcos_p2p_penalty").help("Penalties given to peers, by reason")
        .labelNames("reason").callback(counter -> {
          for (Penalty p : Penalty.values()) counter.call(p2p.penaltyCount(p), p.name());
        }).register(registry);
    p2pCounter("bcos_p2p_handshakes_completed", "Handshakes completed", p2p,
        P2pMetrics::handshakesCompleted);
    p2pCounter("bcos_p2p_handshakes_failed", "Handshakes failed", p2p,
        P2pMetrics::handshakesFailed);
    p2pCounter("bcos_p2p_connections_refused", "Inbound connections refused", p2p,
        P2pMetrics::connectionsRefused);
    p2pCounter("bcos_p2p_bans", "Peers banned", p2p, P2pMetrics::bans);
    p2pCounter("bcos_p2p_frames_in", "Frames received", p2p, P2pMetrics::framesIn);
    p2pCounter("bcos_p2p_frames_out", "Frames sent", p2p, P2pMetrics::framesOut);
    p2pCounter("bcos_p2p_bytes_in", "Bytes received", p2p, P2pMetrics::bytesIn);
    p2pCounter("bcos_p2p_bytes_out", "Bytes sent", p2p, P2pMetrics::bytesOut);
    p2pCounter("bcos_p2p_messages_dropped", "Messages dropped (send queue full)", p2p,
        P2pMetrics::messagesDropped);
  }

  /** Every metric of this node, then the JVM's, in the Prometheus text format. */
  @Override
  public String text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 10);
    try {
      TEXT.write(out, registry.scrape());
      TEXT.write(out, Jvm.REGISTRY.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String contentType() {
    return TEXT.getContentType();
  }

  /**
   * The JVM's and the process's metrics, one registry per process: they describe the process, and
   * the client keeps every registry it instruments for good (one per node would keep closed nodes).
   */
  private static final class Jvm {
    static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

    static {
      JvmMetrics.builder().register(REGISTRY);
    }
  }

  private Gauge gauge(String name, String help) {
    return Gauge.builder().name(name).help(help).register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder().name(name).help(help).register(registry);
  }

  private void sampled(String name, String help, java.util.function.LongSupplier value) {
    GaugeWithCallback.builder().name(name).help(help)
        .callback(gauge -> gauge.call(value.getAsLong())).register(registry);
  }

  private void p2pCounter(String name, String help, P2pMetrics p2p,
      ToLongFunction<P2pMetrics> value) {
    CounterWithCallback.builder().name(name).help(help)
        .callback(counter -> counter.call(value.applyAsLong(p2p))).register(registry);
  }
}
