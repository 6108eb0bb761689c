package org.bcos.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.bcos.consensus.Action;
import org.bcos.consensus.ConsensusConfig;
import org.bcos.consensus.ConsensusMessage;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.TendermintMachine;
import org.bcos.consensus.Timeout;
import org.bcos.consensus.ValidatorSchedule;
import org.bcos.consensus.ValidatorSet;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.node.consensus.ConsensusLedger;
import org.bcos.node.consensus.ConsensusWal;
import org.bcos.node.consensus.ConsensusWire;
import org.bcos.node.consensus.DoubleSignGuard;
import org.bcos.node.consensus.GuardedSigner;
import org.bcos.node.consensus.SystemConsensusTime;
import org.bcos.node.mempool.Mempool;
import org.bcos.types.Address;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.bcos.types.tx.Transaction;

/**
 * A validator's consensus: hosts the pure {@link TendermintMachine} on one thread, feeding it
 * messages from peers and its own timeouts, logging every input to the {@link ConsensusWal} first
 * (synced before any message it signed leaves), and performing its actions: broadcast through the
 * network, schedule timeouts, commit decided blocks with their commit certificates, and report
 * double signing as a {@link StakeEvidence} transaction.
 *
 * <p>Values are encoded blocks: the proposer builds one from its mempool ({@link
 * Ledger#proposeBlock}); a value is valid when it is a block that follows the head and re-executes
 * to its state root ({@link Ledger#checkBlock}). That glue with the ledger is {@link
 * ConsensusLedger}, the same the testkit's simulated validators run; time (now, and every delayed
 * task) comes only from {@link SystemConsensusTime}, the node's side of the clock seam. After a
 * decision the next height starts one block interval after the previous one started (Tendermint's
 * commit timeout), so a healthy chain makes one block per interval. With a single validator and no
 * network this is the dev chain.
 */
public final class ConsensusService implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.consensus");
  /** Why a consensus message from a peer was not accepted. */
  public enum Check {
    ACCEPTED,
    /** For a height we are not at (yet): dropped without blame. */
    NOT_NOW,
    UNDECODABLE,
    /** For a height more than two below ours: an old message replayed. */
    STALE,
    NOT_A_VALIDATOR,
    BAD_SIGNATURE
  }

  /** What RPC and status commands show. */
  public record Status(long height, int round, String step, int validators, long totalPower,
      long lastCommitHeight, int lastCommitRound, int lastCommitSigners) {}

  /**
   * How often this node re-sends its own messages of the current height: gossip sends each
   * message once, and a peer that missed one (not yet connected, or still at the previous height)
   * would otherwise wait forever for a vote that never comes again. Receivers drop copies they
   * have seen.
   */
  static final long REBROADCAST_MILLIS = 1_000;

  /** How long after a failed write (log or guard) the height is replayed from the log. */
  static final long REPLAY_RETRY_MILLIS = 1_000;

  static final long MAX_REPLAY_RETRY_MILLIS = 16_000;

  /** Callers of {@link #startNextHeightNow} waiting at once (a stalled chain cannot pile more). */
  static final int MAX_HEIGHT_WAITERS = 1_000;

  /**
   * After a decision the next height waits at least the block interval divided by this, to
   * gather late precommits ({@link #lastCommitWindowMillis}).
   */
  static final long LAST_COMMIT_WINDOW_DIVISOR = 5;

  /** Own messages kept for re-sending: those of the last few rounds. */
  static final int MAX_OWN_MESSAGES = 9;

  private final Ledger ledger;
  private final Mempool mempool;
  private final Ingress ingress;
  private final CommittedBlocks committed;
  private final ConsensusConfig config;
  private final long blockIntervalMillis;
  private final ConsensusWal wal;
  private final GuardedSigner signer;
  private final NodeHealth health;
  private final StorageFailures storageFailures;
  private final SignatureVerifier verifier;
  private final int maxValueBytes;
  private final SystemConsensusTime time;
  private final ConsensusLedger chain;
  private volatile Consumer<byte[]> network = wire -> { };
  private volatile java.util.function.BooleanSupplier behind = () -> false;
  private volatile ValidatorSchedule schedule;
  private volatile long height;
  private volatile Status status;
  private TendermintMachine machine;
  private long heightStartedMillis;
  private Action.Decide lastCommit;
  // messages for the height after the machine's, fed (and logged) once that height starts
  private final java.util.ArrayList<byte[]> nextHeight = new java.util.ArrayList<>();
  // this node's signed messages of the current height (wire form), newest last, for re-sending
  private final java.util.ArrayDeque<byte[]> ownMessages = new java.util.ArrayDeque<>();
  private volatile boolean closed;
  // callers of startNextHeightNow waiting for a height to commit (consensus thread only)
  private final java.util.ArrayList<HeightWaiter> heightWaiters = new java.util.ArrayList<>();

  private record HeightWaiter(long height, java.util.concurrent.CompletableFuture<Long> done) {}

  ConsensusService(Ledger ledger, Mempool mempool, Ingress ingress, Ed25519KeyPair key,
      CommittedBlocks committed, ConsensusConfig config, long blockIntervalMillis, Path walFile,
      DoubleSignGuard guard, SignatureVerifier verifier, int maxValueBytes, NodeHealth health,
      StorageFailures storageFailures) {
    this.storageFailures = storageFailures;
    this.signer = new GuardedSigner(key, guard);
    this.health = health;
    this.ledger = ledger;
    this.mempool = mempool;
    this.ingress = ingress;
    this.committed = committed;
    this.config = config;
    this.blockIntervalMillis = blockIntervalMillis;
    this.wal = new ConsensusWal(walFile);
    this.verifier = verifier;
    this.maxValueBytes = maxValueBytes;
    this.status = new Status(0, 0, "", 0, 0, 0, 0, 0);
    this.time = new SystemConsensusTime(DaemonThreads.named("bcos-consensus"));
    this.chain = new ConsensusLedger(ledger, key, time, new MempoolPool(), new LoggedProposals(),
        maxValueBytes);
    this.schedule = chain.schedule();
  }

  /**
   * Where this node's own signed messages go (the P2P broadcast; none by default), and whether
   * the node is behind its peers (then it keeps quiet until it has synced).
   */
  void connect(Consumer<byte[]> broadcast, java.util.function.BooleanSupplier behind) {
    this.network = broadcast;
    this.behind = behind;
  }

  /** Starts at the height after the head, first replaying the log if it is of that height. */
  void start() {
    run(this::recover);
    rebroadcastLater();
  }

  private void rebroadcastLater() {
    later(REBROADCAST_MILLIS, () -> {
      rebroadcastLater(); // first, so a failing re-send does not end the re-sending
      rebroadcast();
    });
  }

  private void rebroadcast() {
    if (closed || machine == null || machine.isDecided() || behind.getAsBoolean()) return;
    for (byte[] wire : ownMessages) network.accept(wire);
  }

  public Status status() {
    return status;
  }

  /** The height consensus is working on. */
  public long height() {
    return height;
  }

  /**
   * Dev-chain control ({@code dev_mine}): starts the next height now instead of one block interval
   * after the last one started, and completes with that height once it is committed. When a
   * height is already in progress it waits for that one instead. The interval pacing goes on from
   * the new height, as after any decision. Meant for a single validator, where a height decides at
   * once; the caller bounds how long it waits.
   */
  public java.util.concurrent.CompletableFuture<Long> startNextHeightNow() {
    var done = new java.util.concurrent.CompletableFuture<Long>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("consensus is stopped"));
      return done;
    }
    run(() -> {
      long head = ledger.head().height();
      if (machine != null && machine.isDecided() && machine.height() <= head) {
        startHeight(head + 1);
      }
      long target = machine == null || machine.height() <= head ? head + 1 : machine.height();
      if (ledger.head().height() >= target) {
        done.complete(target);
      } else if (heightWaiters.size() >= MAX_HEIGHT_WAITERS) {
        done.completeExceptionally(new IllegalStateException("too many callers are waiting "
            + "for height " + target));
      } else {
        heightWaiters.add(new HeightWaiter(target, done));
      }
    });
    return done;
  }

  /** Completes the waiters of every height up to the committed {@code height}. */
  private void heightCommitted(long height) {
    for (var it = heightWaiters.iterator(); it.hasNext(); ) {
      HeightWaiter w = it.next();
      if (w.height() <= height) {
        w.done().complete(w.height());
        it.remove();
      }
    }
  }

  // ---------------------------------------------------------------- from the network

  /**
   * Checks a consensus message from a peer (any thread) and, if acceptable, queues it for the
   * machine. The caller relays ACCEPTED messages and penalises the bad ones.
   */
  public Check offer(byte[] wire) {
    ConsensusMessage m;
    try {
      m = ConsensusWire.decode(wire, maxValueBytes);
    } catch (CodecException | IllegalArgumentException e) {
      return Check.UNDECODABLE;
    }
    long current = height;
    if (m.height() < current - 2) return Check.STALE;
    boolean latePrecommit = m.height() == current - 1 && m instanceof Vote v
        && v.type() == VoteType.PRECOMMIT;
    if (!latePrecommit && (m.height() > current + 1 || m.height() < current)) {
      return Check.NOT_NOW;
    }
    ValidatorSet set = schedule.setAt(m.height());
    if (!set.contains(m.signer())) return Check.NOT_A_VALIDATOR;
    if (!m.verify(config.chainId(), verifier)) return Check.BAD_SIGNATURE;
    if (latePrecommit) {
      // for the block just decided: the next block carries it (docs/GOVERNANCE.md "Late
      // precommits"); checked above like any message, so a forger is penalised; not relayed
      run(() -> chain.addLatePrecommit((Vote) m));
      return Check.NOT_NOW;
    }
    run(() -> {
      if (machine == null) return;
      if (m instanceof Vote v && machine.isDecided()) chain.addLatePrecommit(v);
      if (m.height() == machine.height()) {
        input(new ConsensusWal.Message(wire));
      } else if (m.height() == machine.height() + 1
          && nextHeight.size() < config.maxBufferedNextHeight()) {
        nextHeight.add(wire);
      }
    });
    return Check.ACCEPTED;
  }

  /** The head moved without us (blocks synced from peers): catch up to the new height. */
  void headAdvanced() {
    run(() -> {
      if (machine == null || machine.height() <= ledger.head().height()) {
        long next = ledger.head().height() + 1;
        if (signSyncedHead() && proposesFirst(next)) {
          // the others' late precommits join the head certificate this proposal carries
          later(lastCommitWindowMillis(), () -> {
            if (ledger.head().height() + 1 == next && machine != null && machine.height() < next) {
              startHeight(next);
            }
          });
        } else {
          startHeight(next);
        }
      }
    });
  }

  /** Whether this validator proposes round 0 of {@code height}. */
  private boolean proposesFirst(long height) {
    return chain.schedule().rotationAt(height).proposer(0).address().equals(signer.address());
  }

  /**
   * A block arrived by sync (a faster validator pushed it) before this machine decided it: of
   * the height in progress, or of the next one while this validator still waits out the block
   * interval (the others ran ahead of it). The validator signs its precommit for it as a late
   * decider does (docs/CONSENSUS.md "Late deciders precommit"), and its precommit (that one, or
   * the one it had cast already) joins its own head certificate, which the next block carries
   * when this validator proposes it. Only for the head (a node further behind would sign for a
   * certificate already carried). The block is committed durably before this runs and the guard
   * records the precommit before it is signed, so the height is never replayed and no other
   * precommit of that round can follow. Whether the head was such a block.
   */
  private boolean signSyncedHead() {
    long head = ledger.head().height();
    if (machine == null || !(machine.height() == head && !machine.isDecided()
        || machine.height() + 1 == head && machine.isDecided())) {
      return false;
    }
    var stored = ledger.commitCertificate(head);
    if (stored.isEmpty()) return false;
    org.bcos.consensus.CommitCertificate certificate;
    try {
      certificate = org.bcos.consensus.CommitCertificate.decode(stored.get(),
          schedule.setAt(head).size());
    } catch (CodecException e) {
      return false; // checked when it was committed; nothing to sign for
    }
    for (Action a : machine.onDecidedElsewhere(certificate)) perform(a); // joins the head's
    checkGuard();
    if (machine.height() == head) {
      for (ConsensusMessage m : machine.messagesOfHeight()) {
        if (m instanceof Vote v && v.type() == VoteType.PRECOMMIT
            && v.round() == certificate.round() && certificate.valueId().equals(v.valueId())
            && v.validator().equals(signer.address())) {
          chain.addLatePrecommit(v); // cast before the block came
        }
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- consensus thread

  private void recover() {
    long next = ledger.head().height() + 1;
    if (stopsForUpgrade(next)) return;
    List<ConsensusWal.Input> log;
    try {
      log = wal.read();
    } catch (IOException e) {
      logFailed(e);
      return;
    }
    if (log.isEmpty() || !(log.getFirst() instanceof ConsensusWal.Start s) || s.height() != next) {
      startHeight(next);
      return;
    }
    LOG.info("replaying " + log.size() + " logged inputs of height " + next);
    if (!beginHeight(next)) return;
    for (ConsensusWal.Input in : log) {
      if (in instanceof ConsensusWal.Proposed p) {
        chain.restoreProposal(next, p.round(), p.value());
        try {
          wal.append(p); // the new log must remember them too, for a crash during the replay
        } catch (IOException e) {
          logFailed(e);
          return;
        }
      }
    }
    for (ConsensusWal.Input in : log) {
      if (!(in instanceof ConsensusWal.Proposed)) input(in);
    }
  }

  private void startHeight(long h) {
    if (closed || stopsForUpgrade(h)) return;
    if (!beginHeight(h)) return;
    input(new ConsensusWal.Start(h));
    List<byte[]> buffered = List.copyOf(nextHeight);
    nextHeight.clear();
    for (byte[] wire : buffered) {
      if (machine.isDecided()) break;
      if (ConsensusWire.decode(wire, maxValueBytes).height() == h) {
        input(new ConsensusWal.Message(wire));
      }
    }
  }

  /**
   * A fresh machine and log for height {@code h} (the schedule may have changed); false when the
   * log could not be started (then the height is replayed once it can).
   */
  private boolean beginHeight(long h) {
    schedule = chain.schedule(); // a new instance only when the set changed
    machine = newMachine();
    ownMessages.clear();
    heightStartedMillis = time.nowMillis();
    height = h;
    try {
      wal.begin(h);
      return true;
    } catch (IOException e) {
      logFailed(e);
      return false;
    }
  }

  /**
   * Whether {@code h} runs under a protocol version this software lacks: then this validator
   * stops before it (no machine: no proposal, no vote, peers' messages ignored), says so in one
   * line through the health fault (logged once), and stays stopped until restarted on a release
   * that has the version. Never a fork: it signs nothing for that height under the old rules.
   */
  private boolean stopsForUpgrade(long h) {
    var stop = chain.upgradeStop(h);
    if (stop.isEmpty()) return false;
    machine = null;
    ownMessages.clear();
    height = h;
    health.raise(NodeHealth.Fault.UPGRADE_REQUIRED, stop.get().line(), UpgradeStop.ACTION);
    return true;
  }

  /** The consensus log could not be written: say so, and replay the height once it can. */
  private void logFailed(IOException e) {
    if (closed) return; // shutting down: an interrupted write closes the channel, no fault
    health.raise(NodeHealth.Fault.CONSENSUS_LOG_FAILED, "the consensus log could not be "
        + "written: " + e, "free disk space or file descriptors; consensus "
        + "replays the height from its log and resumes by itself");
    scheduleReplay();
  }

  private TendermintMachine newMachine() {
    return new TendermintMachine(schedule, config, signer, chain, verifier);
  }

  private void input(ConsensusWal.Input in) {
    if (closed) return;
    List<Action> actions;
    try {
      if (!(in instanceof ConsensusWal.Start)) wal.append(in); // begin() logged the start
      actions = switch (in) {
        case ConsensusWal.Start s -> machine.start(s.height());
        case ConsensusWal.Message m -> machine.onMessage(ConsensusWire.decode(m.wire(),
            maxValueBytes));
        case ConsensusWal.Fired f -> machine.onTimeout(f.timeout());
        case ConsensusWal.Proposed p -> throw new IllegalArgumentException("not an input");
      };
      if (actions.stream().anyMatch(a -> a instanceof Action.Broadcast)) wal.sync();
    } catch (IOException e) {
      logFailed(e); // the machine may have moved on without its actions taken: replay later
      return;
    } catch (java.io.UncheckedIOException e) {
      logFailed(e.getCause()); // our proposal could not be logged, so it was not made
      return;
    }
    health.clear(NodeHealth.Fault.CONSENSUS_LOG_FAILED);
    for (Action a : actions) perform(a);
    checkGuard();
    updateStatus();
  }

  /**
   * After the double-sign guard refused to record a message (and so nothing was signed), the
   * machine is silent for that step; with few validators that can stall the height. Once the
   * guard writes again the height is replayed from the log, which asks for the same signatures.
   */
  private void checkGuard() {
    IOException failure = signer.guardFailure();
    if (closed) return;
    if (failure == null) {
      health.clear(NodeHealth.Fault.SIGNING_GUARD_UNAVAILABLE);
      return;
    }
    health.raise(NodeHealth.Fault.SIGNING_GUARD_UNAVAILABLE, "the double-sign guard could not "
        + "record a message, so this validator signs nothing: " + failure.getMessage(),
        "free disk space or file descriptors where the validator key lives; signing resumes "
        + "by itself");
    scheduleReplay();
  }

  private boolean replayScheduled;
  private long replayDelayMillis = REPLAY_RETRY_MILLIS;

  /** Replays the height from the log after a delay that doubles while writes keep failing. */
  private void scheduleReplay() {
    if (replayScheduled) return;
    replayScheduled = true;
    long delay = replayDelayMillis;
    replayDelayMillis = Math.min(MAX_REPLAY_RETRY_MILLIS, 2 * replayDelayMillis);
    later(delay, () -> {
      replayScheduled = false;
      if (machine != null && machine.isDecided()) return;
      LOG.info("replaying height " + (ledger.head().height() + 1)
          + " after a write failure");
      recover();
      if (!replayScheduled) replayDelayMillis = REPLAY_RETRY_MILLIS;
    });
  }

  private void perform(Action action) {
    switch (action) {
      case Action.Broadcast b -> {
        // the guard recorded it before it was signed (GuardedSigner)
        if (b.message() instanceof Vote v && v.type() == VoteType.PRECOMMIT
            && v.height() == ledger.head().height()) {
          chain.addLatePrecommit(v); // signed after its block came by sync: the head's certificate
        }
        byte[] wire = ConsensusWire.encode(b.message());
        ownMessages.addLast(wire);
        while (ownMessages.size() > MAX_OWN_MESSAGES) ownMessages.removeFirst();
        if (!behind.getAsBoolean()) network.accept(wire);
      }
      case Action.ScheduleTimeout t -> schedule(t.timeout(), t.durationMillis());
      case Action.Decide d -> decide(d);
      case Action.ReportEvidence e -> report(e.evidence());
    }
  }

  private void schedule(Timeout timeout, long delayMillis) {
    later(delayMillis, () -> {
      if (!closed && machine != null && machine.height() == timeout.height()
          && !machine.isDecided()) {
        if (timeout.kind() == org.bcos.consensus.TimeoutKind.PRECOMMIT) {
          LOG.atInfo().addKeyValue("height", timeout.height())
              .addKeyValue("round", timeout.round())
              .log("height {} round {} timed out without a decision; next round",
                  timeout.height(), timeout.round());
        }
        input(new ConsensusWal.Fired(timeout));
      }
    });
  }

  private void decide(Action.Decide d) {
    long started = System.nanoTime();
    ConsensusLedger.Commit commit;
    try {
      commit = chain.commit(d);
    } catch (org.bcos.storage.StorageException e) {
      storageFailures.failed(d.height(), e); // the ledger reverted: nothing was written
      return;
    }
    Block block = commit.block();
    switch (commit.status()) {
      case COMMITTED -> committed.committed(block, started, "round=" + d.round() + " signers="
          + d.certificate().signatures().size());
      case ALREADY_COMMITTED -> { } // the same block arrived by sync first
      case REFUSED -> {
        LOG.warn("decided block " + block.height() + " does not commit: "
            + commit.problem());
        return;
      }
    }
    lastCommit = d;
    heightCommitted(block.height());
    nextHeight.removeIf(wire -> ConsensusWire.decode(wire, maxValueBytes).height() <= d.height());
    long wait = Math.max(lastCommitWindowMillis(),
        heightStartedMillis + blockIntervalMillis - time.nowMillis());
    long next = block.height() + 1;
    later(wait, () -> {
      if (ledger.head().height() + 1 >= next && (machine == null || machine.height() < next)) {
        startHeight(ledger.head().height() + 1);
      }
    });
  }

  /**
   * The least time between a decision and the next height, while the precommits of slower
   * validators (and late deciders' own) still join the certificate the next block carries
   * (Tendermint's timeout_commit): a fifth of the block interval, so a chain whose heights take
   * longer than the interval still waits that long; none with a single validator.
   */
  private long lastCommitWindowMillis() {
    if (machine.validatorSet().size() < 2) return 0;
    return blockIntervalMillis / LAST_COMMIT_WINDOW_DIVISOR;
  }

  /** Puts a double-signing proof on chain as a fee-free evidence transaction from this validator. */
  private void report(Evidence evidence) {
    LOG.atWarn().addKeyValue("height", evidence.height()).addKeyValue("round", evidence.round())
        .addKeyValue("offender", evidence.offender().toString())
        .log("double signing by {} at height {} round {}", evidence.offender(),
            evidence.height(), evidence.round());
    chain.report(evidence); // the pool submits it through ingress
  }

  private void updateStatus() {
    ValidatorSet set = machine.validatorSet();
    Action.Decide c = lastCommit;
    status = new Status(machine.height(), machine.round(), machine.step().name(), set.size(),
        set.totalPower(), c == null ? 0 : c.height(), c == null ? 0 : c.round(),
        c == null ? 0 : c.certificate().signatures().size());
  }

  private void run(Runnable task) {
    later(0, task);
  }

  /** Runs {@code task} on the consensus thread after {@code delayMillis}; failures are logged. */
  private void later(long delayMillis, Runnable task) {
    if (!closed) time.schedule(delayMillis, task);
  }

  /** The validator's transactions: candidates from the mempool, its reports through ingress. */
  private final class MempoolPool implements ConsensusLedger.Pool {
    @Override
    public List<Transaction> candidates(int maxTxs, Ledger ledger) {
      return mempool.candidates(maxTxs,
          sender -> ledger.account(sender).map(a -> a.nonce()).orElse(0L));
    }

    @Override
    public void drop(Transaction tx, Verdict verdict) {
      mempool.drop(tx, verdict);
    }

    @Override
    public long pendingNonce(Address sender, long committedNonce) {
      return mempool.pendingNonce(sender, committedNonce);
    }

    @Override
    public void submit(Transaction tx) {
      Ingress.Result r = ingress.submitHex(Hex.encode(tx.encoded()));
      LOG.info("evidence transaction " + tx.hash() + ": "
          + (r.verdict().ok() ? "admitted" : r.verdict().rejection()));
    }
  }

  /** Proposals go to the log before they are signed; invalid proposals are logged. */
  private final class LoggedProposals implements ConsensusLedger.Listener {
    @Override
    public void proposing(long h, int round, byte[] value) {
      try {
        wal.append(new ConsensusWal.Proposed(round, value)); // synced before it is broadcast
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e); // input() replays the height later
      }
    }

    @Override
    public void invalid(long h, String problem) {
      LOG.warn("invalid proposal at height " + h + ": " + problem);
    }
  }

  /** Stops the consensus thread (after the step in progress) and closes the log. */
  @Override
  public void close() {
    closed = true;
    try {
      if (!time.close(30_000)) {
        LOG.warn("consensus thread did not stop");
      }
      wal.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("closing the consensus log failed: " + e);
    }
  }
}
