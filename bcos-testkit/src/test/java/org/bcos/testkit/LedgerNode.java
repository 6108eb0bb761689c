package org.bcos.testkit;

import org.bcos.consensus.ConsensusTime;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
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
 */
final class LedgerNode {
  final int index;
  final Ed25519KeyPair key;
  final InMemoryStore store = new InMemoryStore();
  final Ledger ledger;
  final ConsensusLedger chain;

  LedgerNode(int index, Ed25519KeyPair key, Genesis genesis, TxFeed feed, ConsensusTime time) {
    this.index = index;
    this.key = key;
    this.ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier(),
        ChainConsensus.evidenceCheck(Ed25519.verifier()),
        ChainConsensus.commitCheck(Ed25519.verifier()));
    this.chain = new ConsensusLedger(ledger, key, sinceGenesis(time), feed,
        ConsensusLedger.Listener.NONE, Integer.MAX_VALUE);
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
