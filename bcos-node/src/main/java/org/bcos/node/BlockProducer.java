package org.bcos.node;

import java.util.List;
import java.util.function.LongSupplier;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.node.mempool.Mempool;
import org.bcos.types.tx.Rejection;

/**
 * The single-validator block loop of a dev chain: every interval it takes candidates from the
 * mempool, has the ledger build, sign and commit a block, then prunes the mempool and publishes
 * the block. (The multi-validator network replaces this loop with BFT consensus.)
 */
public final class BlockProducer implements Runnable {
  private final Ledger ledger;
  private final Mempool mempool;
  private final Ed25519KeyPair validatorKey;
  private final ChainEvents events;
  private final long intervalMillis;
  private final LongSupplier clock;
  private final NodeMetrics metrics;
  private volatile boolean running = true;

  public BlockProducer(Ledger ledger, Mempool mempool, Ed25519KeyPair validatorKey,
      ChainEvents events, long intervalMillis, LongSupplier clock, NodeMetrics metrics) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.validatorKey = validatorKey;
    this.events = events;
    this.intervalMillis = intervalMillis;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    long next = clock.getAsLong() + intervalMillis;
    while (running) {
      long wait = next - clock.getAsLong();
      if (wait > 0) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
      if (!running) return;
      next = Math.max(next + intervalMillis, clock.getAsLong());
      produceOne();
    }
  }

  /** Builds and commits one block now. */
  public Block produceOne() {
    long started = System.nanoTime();
    long nextHeight = ledger.head().height() + 1;
    int maxTxs = ledger.params().maxTxsPerBlock();
    List<org.bcos.types.tx.Transaction> candidates = mempool.candidates(maxTxs,
        sender -> ledger.account(sender).map(a -> a.nonce()).orElse(0L));
    BlockResult result = ledger.buildBlock(candidates, validatorKey, clock.getAsLong());
    Block block = result.block();
    mempool.removeFinal(block.transactions());
    for (BlockResult.Skipped s : result.skipped()) {
      if (s.verdict().rejection() != Rejection.NONCE_GAP_TOO_LARGE) {
        mempool.drop(s.tx(), s.verdict());
      }
    }
    if (nextHeight % 100 == 0) mempool.dropExpired(nextHeight + 1);
    long micros = (System.nanoTime() - started) / 1000;
    metrics.blockCommitted(block, micros);
    Log.info("chain", "block " + block.height() + " txs=" + block.transactions().size()
        + " time=" + (micros / 1000) + "ms mempool=" + mempool.size()
        + (result.skipped().isEmpty() ? "" : " skipped=" + result.skipped().size() + " "
            + skippedReasons(result)));
    events.publish(block);
    return block;
  }

  private static String skippedReasons(BlockResult result) {
    java.util.TreeMap<String, Integer> reasons = new java.util.TreeMap<>();
    for (BlockResult.Skipped s : result.skipped()) {
      reasons.merge(s.verdict().rejection().name(), 1, Integer::sum);
    }
    return reasons.toString();
  }

  public void stop() {
    running = false;
  }
}
