package org.bcos.testkit;

import org.bcos.consensus.ConsensusTime;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.consensus.ChainConsensus;
import org.bcos.node.consensus.ConsensusLedger;
import org.bcos.storage.InMemoryStore;

/**
 * One simulated node's application side: its real {@link Ledger} over its own in-memory store,
 * glued to its machine by the node's own {@link ConsensusLedger} (what ConsensusService runs),
 * with the run's virtual time as the clock (block times count from the genesis time) and the
 * shared {@link TxFeed} as the pool. Double signing is checked by {@link
 * ChainConsensus#evidenceCheck}. Its store and its proposals of the height in progress (which a
 * node logs in its WAL, so a replay re-proposes the same block) survive the node's crashes.
 *
 * <p>A node may start on "old software" (protocol versions up to the chain's starting one, {@link
 * SimUpgrade#fromVersion}):
 * it then stops before the upgrade height ({@link #stopsBefore}) until {@link #installRelease}
 * reopens its store with every version, as an operator restarting it on the new release.
 */
final class LedgerNode {
  final int index;
  final Ed25519KeyPair key;
  final InMemoryStore store = new InMemoryStore();
  private final Genesis genesis;
  private final TxFeed feed;
  private final ConsensusTime time;
  Ledger ledger;
  ConsensusLedger chain;
  /** Whether it runs old software now (until its release is installed). */
  boolean oldSoftware;
  /** The highest version the old software ships. */
  private final int oldVersion;
  /** The height it stopped before for the upgrade, or -1. */
  long stoppedBefore = -1;

  LedgerNode(int index, Ed25519KeyPair key, Genesis genesis, TxFeed feed, ConsensusTime time,
      boolean oldSoftware, int oldVersion) {
    this.index = index;
    this.key = key;
    this.genesis = genesis;
    this.feed = feed;
    this.time = time;
    this.oldSoftware = oldSoftware;
    this.oldVersion = oldVersion;
    open();
  }

  private void open() {
    var evidence = ChainConsensus.evidenceCheck(Ed25519.verifier());
    this.ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier(), oldSoftware
        ? Modules.standard(evidence, oldVersion) : Modules.standard(evidence),
        ChainConsensus.commitCheck(Ed25519.verifier()));
    this.chain = new ConsensusLedger(ledger, key, sinceGenesis(time), feed,
        ConsensusLedger.Listener.NONE, Integer.MAX_VALUE);
  }

  /** Whether its software cannot run {@code height} (recording the first such height). */
  boolean stopsBefore(long height) {
    boolean stops = chain.upgradeStop(height).isPresent();
    if (stops && stoppedBefore < 0) stoppedBefore = height;
    return stops;
  }

  /** The operator installs the release with every version: the same store, new software. */
  void installRelease() {
    oldSoftware = false;
    open();
  }

  /** The run's time shifted to the chain's: virtual time 0 is the genesis time. */
  private static ConsensusTime sinceGenesis(ConsensusTime run) {
    return new ConsensusTime() {
      @Override
      public long nowMillis() {
        return SimGenesis.GENESIS_TIME_MILLIS + run.nowMillis();
      }

      @Override
      public void schedule(long delayMillis, Runnable task) {
        run.schedule(delayMillis, task);
      }
    };
  }

  /** Commits a decided block with its certificate: why it does not commit, or null. */
  String commit(org.bcos.consensus.Action.Decide decision) {
    ConsensusLedger.Commit commit = chain.commit(decision);
    if (commit.status() == ConsensusLedger.CommitStatus.COMMITTED) return null;
    return "COMMIT: node " + index + " cannot commit decided block " + commit.block().height()
        + " (" + commit.status() + "): " + commit.problem();
  }
}
