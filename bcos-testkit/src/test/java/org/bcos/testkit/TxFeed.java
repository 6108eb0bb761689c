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
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.node.consensus.ConsensusLedger;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * The transactions of a run: seeded coin transfers between the {@link SimGenesis#HOLDERS} and
 * fresh addresses, arriving over virtual time, from the upgrade to staking on also the holders'
 * staking messages ({@link StakingTraffic}, one in {@value #STAKING_ONE_IN}), on the vote path
 * the proposal, votes and multi-sends of {@link GovTraffic} (offered ahead of the rest, as a
 * mempool orders by priority), and the validators' evidence reports. One pool
 * stands for every node's mempool with instant gossip (transaction gossip is not what the run
 * tests); like a node's mempool it drops what a proposer skipped ({@link ConsensusLedger} keeps
 * nonce gaps). Insertion ordered, so proposals are deterministic.
 */
final class TxFeed implements ConsensusLedger.Pool {
  static final long TRANSFER_EXPIRY_HEIGHT = 50_000;
  /** Mean virtual time between two transfers is half of this. */
  static final int MAX_TRANSFER_GAP_MILLIS = 800;
  static final int FRESH_RECIPIENTS = 8;
  /** Once staking is active, one transaction in this many is a staking message. */
  static final int STAKING_ONE_IN = 3;

  private final ConsensusTime time;
  private final SplittableRandom random;
  private final long[] nonces = new long[SimGenesis.HOLDERS.size()];
  private final List<Address> recipients = new ArrayList<>();
  private final LinkedHashMap<Hash, Transaction> pool = new LinkedHashMap<>();
  private final StakingTraffic staking;
  /** The upgrade height, {@link Long#MAX_VALUE} until known (the vote path). */
  private long upgradeHeight;
  /** The vote path's transactions, or null on the genesis path. */
  final GovTraffic gov;
  /** The highest head a proposer has built on. */
  private long highestHead;
  /** Set when some node has committed the upgrade height: staking messages may be made. */
  private boolean stakingActive;
  private long nextTransferMillis;
  long transfersMade;
  long stakingMessagesMade;
  long reportsMade;
  /** Transactions dropped from the pool, by message and reason ("StakeEvidence NONCE_TOO_LOW"). */
  final TreeMap<String, Long> dropped = new TreeMap<>();

  TxFeed(long seed, int validators, int byzantine, long upgradeHeight, GovTraffic gov,
      ConsensusTime time) {
    this.time = time;
    this.gov = gov;
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
    this.upgradeHeight = upgradeHeight;
    List<Address> honest = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      if (i != byzantine) honest.add(SimGenesis.stakeAddress(i, gov != null));
    }
    this.staking = new StakingTraffic(honest, SimGenesis.HOLDERS.size());
    for (Ed25519KeyPair k : SimGenesis.HOLDERS) recipients.add(k.address());
    for (int i = 0; i < validators; i++) recipients.add(Simulation.key(i).address());
    for (int i = 0; i < FRESH_RECIPIENTS; i++) {
      byte[] a = new byte[Address.LENGTH];
      for (int j = 0; j < a.length; j++) a[j] = (byte) random.nextInt(256);
      recipients.add(Address.wrap(a));
    }
  }

  /** The transactions sent up to virtual time {@code nowMillis} join the pool. */
  private void advanceTo(long nowMillis) {
    while (nextTransferMillis <= nowMillis) {
      int from = random.nextInt(nonces.length);
      Transaction tx = stakingActive && random.nextInt(STAKING_ONE_IN) == 0
          ? stakingMessage(from) : transfer(from);
      pool.put(tx.hash(), tx);
      nextTransferMillis += 1 + random.nextInt(MAX_TRANSFER_GAP_MILLIS);
    }
  }

  private Transaction transfer(int from) {
    // never the sender itself (refused, it would leave a nonce gap stalling the sender)
    int pick = random.nextInt(recipients.size() - 1);
    Address to = recipients.get(pick >= from ? pick + 1 : pick);
    long units = 1 + random.nextLong(1_000 * SimGenesis.DDC);
    transfersMade++;
    return Transactions.transfer(Simulation.CHAIN_ID, SimGenesis.HOLDERS.get(from),
        nonces[from]++, SimGenesis.PARAMS.minFeeUnits(), TRANSFER_EXPIRY_HEIGHT, to, units,
        "sim " + transfersMade);
  }

  private Transaction stakingMessage(int from) {
    stakingMessagesMade++;
    return Transactions.build(Simulation.CHAIN_ID, SimGenesis.HOLDERS.get(from), nonces[from]++,
        SimGenesis.PARAMS.minFeeUnits(), TRANSFER_EXPIRY_HEIGHT, staking.next(from, random));
  }

  /** The upgrade height is known from now on (the vote path: the proposal that names it). */
  void upgradeAt(long height) {
    upgradeHeight = height;
  }

  /**
   * A staking message or a multi-send: a node's mempool would refuse it below the upgrade height.
   */
  private static boolean needsUpgrade(Transaction tx) {
    return tx.message() instanceof StakeBond || tx.message() instanceof StakeUnbond
        || tx.message() instanceof StakeRedelegate || GovTraffic.needsUpgrade(tx);
  }

  /** The proposal and votes go first. */
  private static boolean urgent(Transaction tx) {
    return tx.message() instanceof GovSubmitProposal || tx.message() instanceof DvsCastBallot;
  }

  /**
   * The transfers sent up to now, then pooled transactions {@code ledger} has not committed, oldest
   * first (committed ones leave).
   */
  @Override
  public List<Transaction> candidates(int maxTxs, Ledger ledger) {
    long next = ledger.head().height() + 1;
    stakingActive |= next > upgradeHeight;
    advanceTo(time.nowMillis());
    if (gov != null) {
      boolean upToDate = ledger.head().height() >= highestHead;
      for (Transaction tx : gov.make(ledger, next, upgradeHeight, upToDate)) {
        pool.put(tx.hash(), tx);
      }
    }
    highestHead = Math.max(highestHead, ledger.head().height());
    List<Transaction> urgent = new ArrayList<>();
    List<Transaction> rest = new ArrayList<>();
    for (Iterator<Transaction> it = pool.values().iterator(); it.hasNext(); ) {
      Transaction tx = it.next();
      if (ledger.txLocation(tx.hash()).isPresent()) {
        it.remove();
      } else if (next >= upgradeHeight || !needsUpgrade(tx)) {
        // a proposer still below the upgrade height (a lagging node) is not offered staking
        // messages or multi-sends, as a node's mempool admits them only under the head's rules
        (urgent(tx) ? urgent : rest).add(tx);
      }
    }
    urgent.addAll(rest);
    return urgent.size() > maxTxs ? new ArrayList<>(urgent.subList(0, maxTxs)) : urgent;
  }

  /** What a proposer left out leaves the pool, as in a node's mempool. */
  @Override
  public void drop(Transaction tx, Verdict verdict) {
    if (gov != null) gov.dropped(tx);
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
