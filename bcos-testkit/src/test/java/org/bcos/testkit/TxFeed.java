package org.bcos.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bcos.client.Transactions;
import org.bcos.consensus.ConsensusTime;
import org.bcos.consensus.sim.Simulation;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.Verdict;
import org.bcos.node.consensus.ConsensusLedger;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * The transactions of a run: seeded coin transfers between the {@link SimGenesis#HOLDERS} and
 * fresh addresses, arriving over virtual time, and the validators' evidence reports. One pool
 * stands for every node's mempool with instant gossip (transaction gossip is not what the run
 * tests); like a node's mempool it drops what a proposer skipped ({@link ConsensusLedger} keeps
 * nonce gaps). Insertion ordered, so proposals are deterministic.
 */
final class TxFeed implements ConsensusLedger.Pool {
  static final long TRANSFER_EXPIRY_HEIGHT = 50_000;
  /** Mean virtual time between two transfers is half of this. */
  static final int MAX_TRANSFER_GAP_MILLIS = 800;
  static final int FRESH_RECIPIENTS = 8;

  private final ConsensusTime time;
  private final SplittableRandom random;
  private final long[] nonces = new long[SimGenesis.HOLDERS.size()];
  private final List<Address> recipients = new ArrayList<>();
  private final LinkedHashMap<Hash, Transaction> pool = new LinkedHashMap<>();
  private long nextTransferMillis;
  long transfersMade;
  long reportsMade;
  /** Transactions dropped from the pool, by message and reason ("StakeEvidence NONCE_TOO_LOW"). */
  final TreeMap<String, Long> dropped = new TreeMap<>();

  TxFeed(long seed, int validators, ConsensusTime time) {
    this.time = time;
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
    for (Ed25519KeyPair k : SimGenesis.HOLDERS) recipients.add(k.address());
    for (int i = 0; i < validators; i++) recipients.add(Simulation.key(i).address());
    for (int i = 0; i < FRESH_RECIPIENTS; i++) {
      byte[] a = new byte[Address.LENGTH];
      for (int j = 0; j < a.length; j++) a[j] = (byte) random.nextInt(256);
      recipients.add(Address.wrap(a));
    }
  }

  /** The transfers sent up to virtual time {@code nowMillis} join the pool. */
  private void advanceTo(long nowMillis) {
    while (nextTransferMillis <= nowMillis) {
      int from = random.nextInt(nonces.length);
      // never the sender itself (refused, it would leave a nonce gap stalling the sender)
      int pick = random.nextInt(recipients.size() - 1);
      Address to = recipients.get(pick >= from ? pick + 1 : pick);
      long units = 1 + random.nextLong(1_000 * SimGenesis.DDC);
      Transaction tx = Transactions.transfer(Simulation.CHAIN_ID, SimGenesis.HOLDERS.get(from),
          nonces[from]++, SimGenesis.PARAMS.minFeeUnits(), TRANSFER_EXPIRY_HEIGHT, to, units,
          "sim " + transfersMade);
      pool.put(tx.hash(), tx);
      transfersMade++;
      nextTransferMillis += 1 + random.nextInt(MAX_TRANSFER_GAP_MILLIS);
    }
  }

  /**
   * The transfers sent up to now, then pooled transactions {@code ledger} has not committed, oldest
   * first (committed ones leave).
   */
  @Override
  public List<Transaction> candidates(int maxTxs, Ledger ledger) {
    advanceTo(time.nowMillis());
    List<Transaction> out = new ArrayList<>();
    for (Iterator<Transaction> it = pool.values().iterator(); it.hasNext(); ) {
      Transaction tx = it.next();
      if (ledger.txLocation(tx.hash()).isPresent()) {
        it.remove();
      } else if (out.size() < maxTxs) {
        out.add(tx);
      }
    }
    return out;
  }

  /** What a proposer left out leaves the pool, as in a node's mempool. */
  @Override
  public void drop(Transaction tx, Verdict verdict) {
    if (pool.remove(tx.hash()) != null) {
      String kind = tx.message().getClass().getSimpleName() + " " + verdict.rejection();
      dropped.merge(kind, 1L, Long::sum);
    }
  }

  /** Committed nonces only: a validator's reports reach a block before it makes another. */
  @Override
  public long pendingNonce(Address sender, long committedNonce) {
    return committedNonce;
  }

  /** A validator's evidence report joins the pool (once: every honest validator may make it). */
  @Override
  public void submit(Transaction tx) {
    if (pool.putIfAbsent(tx.hash(), tx) == null) reportsMade++;
  }
}
