package org.bcos.node.consensus;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bcos.consensus.Action;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.ConsensusTime;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.ValidatorSchedule;
import org.bcos.consensus.ValueSource;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.types.Address;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.bcos.types.tx.TxRejection;

/**
 * One validator's ledger as its {@link org.bcos.consensus.TendermintMachine} sees it, the one glue
 * between the two that the node ({@code ConsensusService}) and the testkit's simulated nodes both
 * run: values are encoded blocks the ledger builds from the pool at {@link ConsensusTime} now (one
 * per round, the same again when asked again, as a WAL replay does) and checks by re-executing
 * them; decisions commit with their certificates; the validator schedule follows the committed set
 * changes; double votes go back into the pool as fee-free evidence transactions. What differs
 * between hosts is behind seams: the time, the {@link Pool}, and the {@link Listener} (the node's
 * WAL and log).
 */
public final class ConsensusLedger implements ValueSource {
  /** An evidence report stays valid this many blocks after the head it was made at. */
  public static final long EVIDENCE_EXPIRY_BLOCKS = 1_000;

  /** Where the validator's transactions come from and go: a node's mempool, a simulated feed. */
  public interface Pool {
    /** Up to {@code maxTxs} transactions to build on {@code ledger}'s head, in proposal order. */
    List<Transaction> candidates(int maxTxs, Ledger ledger);

    /** A proposer left {@code tx} out for a reason waiting will not heal: it leaves the pool. */
    void drop(Transaction tx, Verdict verdict);

    /** The next nonce of {@code sender}, counting its pooled transactions. */
    long pendingNonce(Address sender, long committedNonce);

    /** Takes a transaction the validator made (its evidence reports). */
    void submit(Transaction tx);
  }

  /** What the host does beside the glue; both methods do nothing by default. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /**
     * A new proposal, before the machine signs it: a node logs it so a replay proposes the same
     * value; throwing {@link UncheckedIOException} withdraws it (nothing is proposed).
     */
    default void proposing(long height, int round, byte[] value) {}

    /** A value the machine was offered is not valid, for {@code problem}. */
    default void invalid(long height, String problem) {}
  }

  /** How a decision went into the ledger. */
  public enum CommitStatus {
    COMMITTED,
    /** The same height was committed first by another path (blocks synced from peers). */
    ALREADY_COMMITTED,
    /** The ledger refuses the decided block (cannot happen for a value the machine found valid). */
    REFUSED
  }

  /** A decision's block, how it went, and why when refused. */
  public record Commit(Block block, CommitStatus status, String problem) {}

  private final Ledger ledger;
  private final Ed25519KeyPair key;
  private final ConsensusTime time;
  private final Pool pool;
  private final Listener listener;
  private final int maxValueBytes;
  private final TreeMap<Integer, byte[]> proposals = new TreeMap<>();
  private long proposalsHeight;
  private ValidatorSchedule schedule;
  private Map<Long, List<ValidatorPower>> scheduleSource;
  /** The decision this node committed last, with the precommits gathered for it so far. */
  private CommitCertificate decided;

  public ConsensusLedger(Ledger ledger, Ed25519KeyPair key, ConsensusTime time, Pool pool,
      Listener listener, int maxValueBytes) {
    this.ledger = ledger;
    this.key = key;
    this.time = time;
    this.pool = pool;
    this.listener = listener;
    this.maxValueBytes = maxValueBytes;
  }

  public Ledger ledger() {
    return ledger;
  }

  public Ed25519KeyPair key() {
    return key;
  }

  /**
   * The schedule of every committed set change: the same instance until another change commits
   * (a schedule memoises its proposer rotations, and a fresh one would replay the rotation from
   * genesis at every height).
   */
  public ValidatorSchedule schedule() {
    Map<Long, List<ValidatorPower>> changes = ledger.validatorSetChanges();
    if (schedule == null || !changes.equals(scheduleSource)) {
      schedule = ChainConsensus.schedule(ledger);
      scheduleSource = changes;
    }
    return schedule;
  }

  /**
   * The stop before a height this software cannot run (its protocol version came with an upgrade
   * this release lacks): present when {@code height} is the next one and its version is not
   * shipped. The host neither proposes, votes nor imports there; the ledger would refuse anyway
   * ({@link org.bcos.ledger.UpgradeRequiredException}).
   */
  public Optional<UpgradeRequired> upgradeStop(long height) {
    return ledger.upgradeRequired().filter(r -> r.height() == height);
  }

  // ---------------------------------------------------------------- values

  @Override
  public byte[] proposeValue(long height, int round) {
    byte[] known = proposalsOf(height).get(round);
    if (known != null) return known;
    byte[] value = buildValue();
    listener.proposing(height, round, value);
    proposals.put(round, value);
    return value;
  }

  /** A proposal of the height in progress read back from the host's log, to propose again. */
  public void restoreProposal(long height, int round, byte[] value) {
    proposalsOf(height).put(round, value);
  }

  private TreeMap<Integer, byte[]> proposalsOf(long height) {
    if (height != proposalsHeight) {
      proposals.clear();
      proposalsHeight = height;
    }
    return proposals;
  }

  private byte[] buildValue() {
    List<Transaction> candidates = pool.candidates(ledger.params().maxTxsPerBlock(), ledger);
    BlockResult result = ledger.proposeBlock(candidates, key, time.nowMillis());
    for (BlockResult.Skipped s : result.skipped()) {
      // a nonce gap closes once the missing transaction arrives: keep it
      if (s.verdict().rejection() != TxRejection.NONCE_GAP_TOO_LARGE) pool.drop(s.tx(), s.verdict());
    }
    byte[] value = result.block().encode();
    if (value.length > maxValueBytes) {
      // cannot happen with the chain's block limits; propose an empty block rather than nothing
      value = ledger.proposeBlock(List.of(), key, time.nowMillis()).block().encode();
    }
    return value;
  }

  @Override
  public boolean isValid(long height, byte[] value) {
    Optional<String> problem = ChainConsensus.valueProblem(ledger, height, value);
    problem.ifPresent(p -> listener.invalid(height, p));
    return problem.isEmpty();
  }

  // ---------------------------------------------------------------- decisions and evidence

  /** Commits a decided block with its certificate (storage failures propagate, nothing written). */
  public Commit commit(Action.Decide decision) {
    Block block = Block.decode(decision.value(), ledger.modules());
    try {
      ledger.commitBlock(block, decision.certificate().encode());
      decided = decision.certificate();
      return new Commit(block, CommitStatus.COMMITTED, null);
    } catch (Ledger.InvalidBlockException e) {
      return ledger.head().height() >= block.height()
          ? new Commit(block, CommitStatus.ALREADY_COMMITTED, e.getMessage())
          : new Commit(block, CommitStatus.REFUSED, e.getMessage());
    }
  }

  /**
   * Adds a precommit for the head's decision that arrived after it (a slower validator's) to
   * the certificate stored with the head, which the next block carries: Tendermint's LastCommit
   * holds the precommits gathered until the next proposal, so a healthy validator is not counted
   * as missing (downtime) only because 2/3+ of the power was faster. Only a valid precommit of a
   * validator of the head's set for the exact (height, round, value) of the decision, not yet in
   * the certificate, is added. Whether it was.
   */
  public boolean addLatePrecommit(Vote vote) {
    CommitCertificate cert = headCertificate();
    if (cert == null || vote.type() != VoteType.PRECOMMIT || vote.isNil()
        || vote.height() != cert.height() || vote.round() != cert.round()
        || !vote.valueId().equals(cert.valueId()) || ledger.head().height() != cert.height()) {
      return false;
    }
    for (CommitCertificate.Signature s : cert.signatures()) {
      if (s.validator().equals(vote.validator())) return false;
    }
    if (ChainConsensus.validatorSet(ledger.validatorSetAt(cert.height()))
        .powerOf(vote.validator()) == 0
        || !vote.verify(ledger.params().chainId(), org.bcos.crypto.Ed25519.verifier())) {
      return false;
    }
    List<Vote> votes = new java.util.ArrayList<>(cert.precommits());
    votes.add(vote);
    CommitCertificate fuller = CommitCertificate.of(cert.height(), cert.round(), cert.valueId(),
        votes);
    try {
      if (!ledger.replaceHeadCertificate(cert.height(), fuller.encode())) return false;
    } catch (Ledger.InvalidBlockException | org.bcos.storage.StorageException e) {
      return false; // the stored certificate stays as it was: the next block carries that one
    }
    decided = fuller;
    return true;
  }

  /**
   * The certificate stored with the head: the decision's when this node decided it, else the
   * one it was synced with (then read from the store once); null when there is none.
   */
  private CommitCertificate headCertificate() {
    long head = ledger.head().height();
    if (decided != null && decided.height() == head) return decided;
    Optional<byte[]> stored = head < 1 ? Optional.empty() : ledger.commitCertificate(head);
    if (stored.isEmpty()) return null;
    try {
      decided = CommitCertificate.decode(stored.get(), ledger.validatorSetAt(head).size());
    } catch (org.bcos.types.codec.CodecException e) {
      return null;
    }
    return decided;
  }

  /**
   * Puts a double vote on chain: a fee-free evidence transaction from this validator goes to the
   * pool. Proposal pairs carry whole blocks and are not reported. The transaction, if one was made.
   */
  public Optional<Transaction> report(Evidence evidence) {
    if (evidence.kind() != Evidence.Kind.DUPLICATE_VOTE) return Optional.empty();
    long committedNonce = ledger.account(key.address()).map(a -> a.nonce()).orElse(0L);
    TxBody body = new TxBody(ledger.params().chainId(), key.address(),
        pool.pendingNonce(key.address(), committedNonce), 0,
        ledger.head().height() + EVIDENCE_EXPIRY_BLOCKS, new StakeEvidence(evidence.encode()));
    var digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body));
    Transaction tx = TransactionCodec.assemble(body, key.sign(digest.toBytes()),
        TransactionCodec.findStamp(digest, StakeEvidence.FEE_FREE_POW_BITS));
    pool.submit(tx);
    return Optional.of(tx);
  }
}
