package org.bcos.testkit;

import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.bcos.consensus.Action;
import org.bcos.consensus.ValidatorSchedule;
import org.bcos.consensus.ValueSource;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.consensus.ChainConsensus;
import org.bcos.storage.InMemoryStore;

/**
 * One simulated node's application side, glued as the node's ConsensusService glues it: values
 * are encoded blocks its real {@link Ledger} (over its own in-memory store) proposes from the
 * pooled transactions at virtual time, checks, and commits with the decision's certificate;
 * double signing is checked by {@link ChainConsensus#evidenceCheck}. Its store and its proposals
 * of the height in progress (which a node logs in its WAL, so a replay re-proposes the same
 * block) survive the node's crashes.
 */
final class LedgerNode implements ValueSource {
  final int index;
  final Ed25519KeyPair key;
  final InMemoryStore store = new InMemoryStore();
  final Ledger ledger;
  private final TxFeed feed;
  private final LongSupplier clock;
  private final TreeMap<Integer, byte[]> proposals = new TreeMap<>();
  private long proposalsHeight;
  private ValidatorSchedule schedule;
  private int scheduleChanges;

  LedgerNode(int index, Ed25519KeyPair key, Genesis genesis, TxFeed feed, LongSupplier clock) {
    this.index = index;
    this.key = key;
    this.feed = feed;
    this.clock = clock;
    this.ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier(),
        ChainConsensus.evidenceCheck(Ed25519.verifier()));
  }

  /** The schedule of committed set changes; the same instance until another change commits. */
  ValidatorSchedule schedule() {
    int changes = ledger.validatorSetChanges().size();
    if (schedule == null || changes != scheduleChanges) {
      schedule = ChainConsensus.schedule(ledger);
      scheduleChanges = changes;
    }
    return schedule;
  }

  @Override
  public byte[] proposeValue(long height, int round) {
    if (height != proposalsHeight) {
      proposals.clear();
      proposalsHeight = height;
    }
    return proposals.computeIfAbsent(round, r -> buildBlock());
  }

  private byte[] buildBlock() {
    long now = clock.getAsLong();
    feed.advanceTo(now);
    BlockResult result = ledger.proposeBlock(feed.candidates(ledger), key,
        SimGenesis.GENESIS_TIME_MILLIS + now);
    feed.drop(result.skipped());
    return result.block().encode();
  }

  @Override
  public boolean isValid(long height, byte[] value) {
    return ChainConsensus.valueProblem(ledger, height, value).isEmpty();
  }

  /** Commits a decided block with its certificate: why it does not commit, or null. */
  String commit(Action.Decide decision) {
    Block block = Block.decode(decision.value());
    try {
      ledger.commitBlock(block, decision.certificate().encode());
      return null;
    } catch (Ledger.InvalidBlockException e) {
      return "COMMIT: node " + index + " cannot commit decided block " + block.height() + ": "
          + e.getMessage();
    }
  }
}
