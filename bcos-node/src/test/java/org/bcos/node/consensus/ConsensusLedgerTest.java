package org.bcos.node.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bcos.consensus.Action;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.ConsensusTime;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/**
 * The consensus glue the node and the testkit's simulated validators share, on a one-validator
 * chain with a hand-driven clock and a list for a pool.
 */
class ConsensusLedgerTest {
  static final String CHAIN = "bcos-glue-test";
  static final long GENESIS_MILLIS = 1_700_000_000_000L;
  static final Ed25519KeyPair VALIDATOR = key(1);
  static final Ed25519KeyPair DEV = key(2);

  /** Time that moves only when told; tasks are kept, not run. */
  static final class ManualTime implements ConsensusTime {
    long now = GENESIS_MILLIS + 1_000;
    final TreeMap<Long, Runnable> tasks = new TreeMap<>();

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void schedule(long delayMillis, Runnable task) {
      tasks.put(now + delayMillis, task);
    }
  }

  /** A pool over a list, recording what the glue drops and submits. */
  static final class ListPool implements ConsensusLedger.Pool {
    final List<Transaction> pending = new ArrayList<>();
    final List<Rejection> dropped = new ArrayList<>();
    final List<Transaction> submitted = new ArrayList<>();
    long pendingNonceOffset;

    @Override
    public List<Transaction> candidates(int maxTxs, Ledger ledger) {
      return pending.subList(0, Math.min(maxTxs, pending.size()));
    }

    @Override
    public void drop(Transaction tx, Verdict verdict) {
      pending.remove(tx);
      dropped.add(verdict.rejection());
    }

    @Override
    public long pendingNonce(Address sender, long committedNonce) {
      return committedNonce + pendingNonceOffset;
    }

    @Override
    public void submit(Transaction tx) {
      submitted.add(tx);
    }
  }

  /** Counts proposals logged; refuses while {@code failing}. */
  static final class CountingListener implements ConsensusLedger.Listener {
    int logged;
    boolean failing;
    final List<String> invalid = new ArrayList<>();

    @Override
    public void proposing(long height, int round, byte[] value) {
      if (failing) throw new UncheckedIOException(new IOException("disk full"));
      logged++;
    }

    @Override
    public void invalid(long height, String problem) {
      invalid.add(problem);
    }
  }

  final Ledger ledger = Ledger.open(new InMemoryStore(),
      Genesis.dev(ChainParams.defaults(CHAIN), GENESIS_MILLIS, DEV.address(), VALIDATOR.address()),
      SignatureCheck.withBestVerifier(), ChainConsensus.evidenceCheck(Ed25519.verifier()));
  final ManualTime time = new ManualTime();
  final ListPool pool = new ListPool();
  final CountingListener listener = new CountingListener();
  final ConsensusLedger glue =
      new ConsensusLedger(ledger, VALIDATOR, time, pool, listener, 1 << 20);

  @Test
  void aRoundIsProposedOnceAndTheSameValueReturnedWhenAskedAgain() {
    byte[] first = glue.proposeValue(1, 0);
    time.now += 5_000;
    assertArrayEquals(first, glue.proposeValue(1, 0));
    assertEquals(1, listener.logged);
    assertEquals(GENESIS_MILLIS + 1_000, Modules.decodeBlock(first).header().timeMillis());
  }

  @Test
  void blockTimeIsTheClockAtProposal() {
    time.now = GENESIS_MILLIS + 42_000;
    Block block = Modules.decodeBlock(glue.proposeValue(1, 0));
    assertEquals(GENESIS_MILLIS + 42_000, block.header().timeMillis());
    assertEquals(1, block.height());
  }

  @Test
  void aProposalTheHostCouldNotLogIsNotKept() {
    listener.failing = true;
    assertThrows(UncheckedIOException.class, () -> glue.proposeValue(1, 0));
    listener.failing = false;
    glue.proposeValue(1, 0);
    assertEquals(1, listener.logged);
  }

  @Test
  void aRestoredProposalIsProposedAgainAndANewHeightForgetsIt() {
    byte[] logged = ledger.proposeBlock(List.of(), VALIDATOR, GENESIS_MILLIS + 7).block().encode();
    glue.restoreProposal(1, 3, logged);
    assertArrayEquals(logged, glue.proposeValue(1, 3));
    assertEquals(0, listener.logged);
    commit(glue.proposeValue(1, 0));
    assertEquals(1, listener.logged);
    assertEquals(2, Modules.decodeBlock(glue.proposeValue(2, 3)).height());
    assertEquals(2, listener.logged);
  }

  @Test
  void skippedTransactionsLeaveThePoolExceptNonceGaps() {
    long minFee = ledger.params().minFeeUnits();
    Transaction good = transfer(0, minFee);
    Transaction cheap = transfer(1, minFee - 1);
    Transaction far = transfer(ledger.params().maxNonceGap() + 5, minFee);
    pool.pending.addAll(List.of(good, cheap, far));
    Block block = Modules.decodeBlock(glue.proposeValue(1, 0));
    assertEquals(List.of(good), block.transactions());
    assertEquals(List.of(TxRejection.FEE_TOO_LOW), pool.dropped);
    assertEquals(List.of(good, far), pool.pending);
  }

  @Test
  void invalidValuesAreRefusedAndNamedToTheHost() {
    assertFalse(glue.isValid(1, new byte[] {1, 2, 3}));
    assertFalse(glue.isValid(2, glue.proposeValue(1, 0)));
    assertEquals(2, listener.invalid.size());
    assertTrue(glue.isValid(1, glue.proposeValue(1, 0)));
  }

  @Test
  void aDecisionCommitsOnceThenReadsAsAlreadyCommitted() {
    Action.Decide decision = decision(glue.proposeValue(1, 0));
    ConsensusLedger.Commit first = glue.commit(decision);
    assertEquals(ConsensusLedger.CommitStatus.COMMITTED, first.status());
    assertEquals(1, ledger.head().height());
    assertEquals(ConsensusLedger.CommitStatus.ALREADY_COMMITTED, glue.commit(decision).status());
  }

  @Test
  void aDecidedBlockTheLedgerRefusesIsReportedWithTheReason() {
    byte[] value = glue.proposeValue(1, 0);
    commit(value);
    Block next = Modules.decodeBlock(glue.proposeValue(2, 0));
    byte[] forged = new Block(next.header(), new byte[64], next.transactions()).encode();
    ConsensusLedger.Commit refused = glue.commit(decision(forged));
    assertEquals(ConsensusLedger.CommitStatus.REFUSED, refused.status());
    assertFalse(refused.problem().isEmpty());
    assertEquals(1, ledger.head().height());
  }

  @Test
  void theScheduleIsTheSameInstanceWhileTheSetDoesNotChange() {
    var before = glue.schedule();
    commit(glue.proposeValue(1, 0));
    assertSame(before, glue.schedule());
    assertSame(glue.schedule(), glue.schedule());
  }

  @Test
  void aDoubleVoteBecomesAFeeFreeEvidenceTransactionInThePool() {
    pool.pendingNonceOffset = 2;
    Signer offender = Signer.of(VALIDATOR);
    Vote a = Vote.sign(CHAIN, VoteType.PREVOTE, 1, 0, Digests.sha256(new byte[] {1}), offender);
    Vote b = Vote.sign(CHAIN, VoteType.PREVOTE, 1, 0, null, offender);
    Evidence evidence = new Evidence(a, b);
    Transaction tx = glue.report(evidence).orElseThrow();
    assertEquals(List.of(tx), pool.submitted);
    assertEquals(CHAIN, tx.body().chainId());
    assertEquals(VALIDATOR.address(), tx.sender());
    assertEquals(2, tx.nonce());
    assertEquals(0, tx.fee());
    assertEquals(ConsensusLedger.EVIDENCE_EXPIRY_BLOCKS, tx.body().expiryHeight());
    assertArrayEquals(evidence.encode(), ((StakeEvidence) tx.message()).evidence());
  }

  @Test
  void aDoubleProposalIsNotPutOnChain() {
    Signer offender = Signer.of(VALIDATOR);
    Proposal a = Proposal.sign(CHAIN, 1, 0, new byte[] {1}, -1, offender);
    Proposal b = Proposal.sign(CHAIN, 1, 0, new byte[] {2}, -1, offender);
    assertTrue(glue.report(new Evidence(a, b)).isEmpty());
    assertTrue(pool.submitted.isEmpty());
  }

  // ---------------------------------------------------------------- helpers

  private void commit(byte[] value) {
    assertEquals(ConsensusLedger.CommitStatus.COMMITTED, glue.commit(decision(value)).status());
  }

  private static Action.Decide decision(byte[] value) {
    long height = Modules.decodeBlock(value).height();
    Vote precommit = Vote.sign(CHAIN, VoteType.PRECOMMIT, height, 0, Proposal.valueId(value),
        Signer.of(VALIDATOR));
    return new Action.Decide(height, 0, value,
        CommitCertificate.of(height, 0, Proposal.valueId(value), List.of(precommit)));
  }

  private static Transaction transfer(long nonce, long fee) {
    TxBody body = new TxBody(CHAIN, DEV.address(), nonce, fee, 1_000,
        new CoinTransfer(key(9).address(), 1, ""));
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes();
    return TransactionCodec.assemble(body, DEV.sign(digest));
  }

  private static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[31] = 0x17;
    return Ed25519KeyPair.fromSeed(seed);
  }
}
