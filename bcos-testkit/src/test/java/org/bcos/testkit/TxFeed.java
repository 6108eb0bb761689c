package org.bcos.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bcos.client.Transactions;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.sim.Simulation;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.coin.api.Account;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.StakeEvidence;
import org.bcos.types.tx.Transaction;

/**
 * The transactions of a run: seeded coin transfers between the {@link SimGenesis#HOLDERS} and
 * fresh addresses, arriving over virtual time, and the validators' evidence reports. One pool
 * stands for every node's mempool with instant gossip (transaction gossip is not what the run
 * tests); like a node's mempool it drops what a proposer skipped, except nonce gaps. Insertion
 * ordered, so proposals are deterministic.
 */
final class TxFeed {
  /** A report stays valid this many blocks, as a node's (ConsensusService). */
  static final long EVIDENCE_EXPIRY_BLOCKS = 1_000;
  static final long TRANSFER_EXPIRY_HEIGHT = 50_000;
  /** Mean virtual time between two transfers is half of this. */
  static final int MAX_TRANSFER_GAP_MILLIS = 800;
  static final int FRESH_RECIPIENTS = 8;

  private final SplittableRandom random;
  private final long[] nonces = new long[SimGenesis.HOLDERS.size()];
  private final List<Address> recipients = new ArrayList<>();
  private final LinkedHashMap<Hash, Transaction> pool = new LinkedHashMap<>();
  private long nextTransferMillis;
  long transfersMade;
  long reportsMade;
  /** Transactions dropped from the pool, by message and reason ("StakeEvidence NONCE_TOO_LOW"). */
  final TreeMap<String, Long> dropped = new TreeMap<>();

  TxFeed(long seed, int validators) {
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
  void advanceTo(long nowMillis) {
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

  /** Pooled transactions {@code ledger} has not committed, oldest first (committed ones leave). */
  List<Transaction> candidates(Ledger ledger) {
    List<Transaction> out = new ArrayList<>();
    for (Iterator<Transaction> it = pool.values().iterator(); it.hasNext(); ) {
      Transaction tx = it.next();
      if (ledger.txLocation(tx.hash()).isPresent()) {
        it.remove();
      } else if (out.size() < SimGenesis.MAX_TXS_PER_BLOCK) {
        out.add(tx);
      }
    }
    return out;
  }

  /** What a proposer left out leaves the pool, as in a node's mempool. */
  void drop(List<BlockResult.Skipped> skipped) {
    for (BlockResult.Skipped s : skipped) {
      if (s.verdict().rejection() != Rejection.NONCE_GAP_TOO_LARGE
          && pool.remove(s.tx().hash()) != null) {
        String kind = s.tx().message().getClass().getSimpleName() + " " + s.verdict().rejection();
        dropped.merge(kind, 1L, Long::sum);
      }
    }
  }

  /** A validator's fee-free evidence report, built as a node builds it from its committed state. */
  void report(Ledger ledger, Ed25519KeyPair reporter, Evidence evidence) {
    long nonce = ledger.account(reporter.address()).map(Account::nonce).orElse(0L);
    Transaction tx = Transactions.feeFree(Simulation.CHAIN_ID, reporter, nonce,
        ledger.head().height() + EVIDENCE_EXPIRY_BLOCKS, new StakeEvidence(evidence.encode()),
        StakeEvidence.FEE_FREE_POW_BITS);
    if (pool.putIfAbsent(tx.hash(), tx) == null) reportsMade++;
  }
}
