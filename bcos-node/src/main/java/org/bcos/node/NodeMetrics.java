package org.bcos.node;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.types.tx.Rejection;

/** Counters exported at {@code GET /metrics} in the Prometheus text format. */
public final class NodeMetrics {
  private final AtomicLong height = new AtomicLong();
  private final LongAdder txsFinal = new LongAdder();
  private final LongAdder blocks = new LongAdder();
  private final AtomicLong lastBlockMicros = new AtomicLong();
  private final LongAdder admitted = new LongAdder();
  // by reason code, every reason known up front (so each is reported, zero or not)
  private final java.util.SortedMap<Integer, LongAdder> rejected = new java.util.TreeMap<>();
  private final LongAdder rpcRequests = new LongAdder();

  public NodeMetrics() {
    for (Rejection r : Modules.STANDARD.rejections()) rejected.put(r.code(), new LongAdder());
  }

  void blockCommitted(Block block, long micros) {
    height.set(block.height());
    blocks.increment();
    txsFinal.add(block.transactions().size());
    lastBlockMicros.set(micros);
  }

  public void admitted() {
    admitted.increment();
  }

  public void rejected(Rejection r) {
    LongAdder count = rejected.get(r.code());
    if (count != null) count.increment();
  }

  public void rpcRequest() {
    rpcRequests.increment();
  }

  /**
   * Consensus and P2P figures sampled at render time (each may be null): the consensus status of
   * a validator, the connected peer count and the transport's counters.
   */
  String renderNetwork(ConsensusService.Status consensus, Integer peers,
      java.util.Map<String, Long> p2pCounters) {
    StringBuilder sb = new StringBuilder(1024);
    if (consensus != null) {
      gauge(sb, "bcos_consensus_height", "Height consensus is deciding", consensus.height());
      gauge(sb, "bcos_consensus_round", "Round of the height being decided", consensus.round());
      gauge(sb, "bcos_consensus_validators", "Validators of that height", consensus.validators());
      gauge(sb, "bcos_consensus_last_commit_round", "Round the last block was decided in",
          consensus.lastCommitRound());
      gauge(sb, "bcos_consensus_last_commit_signers", "Precommits in the last certificate",
          consensus.lastCommitSigners());
    }
    if (peers != null) gauge(sb, "bcos_p2p_peers", "Connected peers", peers);
    if (p2pCounters != null) {
      p2pCounters.forEach((k, v) -> sb.append("bcos_").append(k).append(' ').append(v)
          .append('\n'));
    }
    return sb.toString();
  }

  /** Prometheus exposition text; {@code mempoolSize} is sampled by the caller. */
  public String render(int mempoolSize, long mempoolBytes) {
    StringBuilder sb = new StringBuilder(2048);
    gauge(sb, "bcos_chain_height", "Height of the last committed block", height.get());
    counter(sb, "bcos_blocks_committed_total", "Blocks committed since start", blocks.sum());
    counter(sb, "bcos_txs_final_total", "Transactions final since start", txsFinal.sum());
    gauge(sb, "bcos_last_block_build_seconds", "Time to build and commit the last block",
        lastBlockMicros.get() / 1e6);
    gauge(sb, "bcos_mempool_txs", "Pending transactions", mempoolSize);
    gauge(sb, "bcos_mempool_bytes", "Pending transaction bytes", mempoolBytes);
    counter(sb, "bcos_txs_admitted_total", "Transactions admitted to the mempool", admitted.sum());
    counter(sb, "bcos_rpc_requests_total", "JSON-RPC calls served", rpcRequests.sum());
    sb.append("# HELP bcos_txs_rejected_total Transactions refused at admission, by reason\n");
    sb.append("# TYPE bcos_txs_rejected_total counter\n");
    for (Rejection r : Modules.STANDARD.rejections()) {
      sb.append("bcos_txs_rejected_total{reason=\"").append(r.name()).append("\"} ")
          .append(rejected.get(r.code()).sum()).append('\n');
    }
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, double value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(format(value)).append('\n');
  }

  private static void counter(StringBuilder sb, String name, String help, long value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(value).append('\n');
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
