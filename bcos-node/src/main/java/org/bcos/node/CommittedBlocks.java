package org.bcos.node;

import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.node.mempool.Mempool;

/**
 * What follows every committed block, however it was committed (decided by consensus or imported
 * from a peer): a state snapshot at snapshot heights, the mempool forgets its transactions,
 * metrics count it, a log line, then subscribers hear of it.
 */
final class CommittedBlocks {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.chain");
  private final Ledger ledger;
  private final Mempool mempool;
  private final NodeMetrics metrics;
  private final ChainEvents events;
  private final StateSnapshots snapshots;

  CommittedBlocks(Ledger ledger, Mempool mempool, NodeMetrics metrics, ChainEvents events,
      StateSnapshots snapshots) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.metrics = metrics;
    this.events = events;
    this.snapshots = snapshots;
  }

  void committed(Block block, long startedNanos, String how) {
    if (snapshots != null) snapshots.committed(block, ledger);
    mempool.removeFinal(block.transactions());
    if (block.height() % 100 == 0) mempool.dropExpired(block.height() + 1);
    else mempool.dropStaleFeeFree(block.height() + 1);
    long micros = (System.nanoTime() - startedNanos) / 1000;
    metrics.blockCommitted(block, micros);
    logBlock(block, how, micros / 1000);
    events.publish(block);
  }

  /** The one line per block (its text as before; JSON lines carry the figures as fields). */
  private void logBlock(Block block, String how, long millis) {
    if (!LOG.isInfoEnabled()) return;
    int txs = block.transactions().size();
    int pending = mempool.size();
    LOG.atInfo().addKeyValue("height", block.height()).addKeyValue("txs", txs)
        .addKeyValue("how", how).addKeyValue("millis", millis).addKeyValue("mempool", pending)
        .log("block {} txs={} {} time={}ms mempool={}", block.height(), txs, how, millis,
            pending);
  }
}
