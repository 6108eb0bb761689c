package org.bcos.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Hash;

/**
 * Tendermint consensus (Buchman, Kwon, Milosevic 2018, "The latest gossip on BFT consensus",
 * Algorithm 1) for one node, one height at a time, as a pure state machine: inputs are {@link
 * #start}, {@link #onProposal}, {@link #onVote} and {@link #onTimeout}; each returns the {@link
 * Action}s to perform. No I/O, clock, threads or randomness: the same inputs in the same order give
 * the same outputs, so a host can replay its input log after a crash to rebuild the exact state.
 *
 * <p>Voting power is stake-weighted: "2f+1" means more than 2/3 of the power, "f+1" more than 1/3.
 * Messages that are badly signed (signatures cover the configured chain id), from non-validators, for another height (except the next one,
 * buffered until it starts) or too far ahead in rounds are ignored. Not thread-safe: one caller.
 */
public final class TendermintMachine {
  /** Steps of a round; PRECOMMIT also covers "waiting for the next round". */
  public enum Step {
    PROPOSE,
    PREVOTE,
    PRECOMMIT
  }

  private final ValidatorSchedule schedule;
  private final ConsensusConfig config;
  private final Signer signer;
  private final ValueSource app;
  private final SignatureVerifier verifier;
  private final RuleMutation mutation;

  private long height;
  private ValidatorSet set;
  private ProposerRotation rotation;
  private final TreeMap<Integer, Validator> proposers = new TreeMap<>();
  private int round;
  private Step step = Step.PROPOSE;
  private boolean decided;
  private byte[] lockedValue;
  private int lockedRound = -1;
  private byte[] validValue;
  private int validRound = -1;
  private final TreeMap<Integer, RoundState> rounds = new TreeMap<>();
  private final TreeMap<Hash, Boolean> validity = new TreeMap<>();
  // insertion-ordered (deterministic) and free of the duplicates gossip re-sends
  private final java.util.LinkedHashSet<ConsensusMessage> nextHeight = new java.util.LinkedHashSet<>();
  private List<Action> out = new ArrayList<>();

  public TendermintMachine(
      ValidatorSchedule schedule,
      ConsensusConfig config,
      Signer signer,
      ValueSource app,
      SignatureVerifier verifier) {
    this(schedule, config, signer, app, verifier, RuleMutation.NONE);
  }

  /** A machine with one rule deliberately broken: for mutation tests only. */
  TendermintMachine(
      ValidatorSchedule schedule,
      ConsensusConfig config,
      Signer signer,
      ValueSource app,
      SignatureVerifier verifier,
      RuleMutation mutation) {
    this.mutation = Objects.requireNonNull(mutation, "mutation");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.config = Objects.requireNonNull(config, "config");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.app = Objects.requireNonNull(app, "app");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  // ---------------------------------------------------------------- inputs

  /**
   * Starts consensus at {@code height} (line 10: StartRound(0)); a node starts at 1, after each
   * decision at the next height, and after a restart at the height after its last committed one.
   * Buffered messages of that height are then processed one by one, exactly as if they had been
   * passed to {@link #onMessage} right after this call (so a host's input log can record them
   * after the start and replay to the same state).
   */
  public List<Action> start(long newHeight) {
    if (newHeight < 1 || (height != 0 && newHeight <= height)) {
      throw new IllegalArgumentException("cannot start height " + newHeight + " at " + height);
    }
    ValidatorSet newSet = schedule.setAt(newHeight);
    rotation =
        rotation != null && newHeight == height + 1
            ? rotation.next(newSet)
            : schedule.rotationAt(newHeight);
    set = newSet;
    height = newHeight;
    resetHeightState();
    startRound(0);
    evaluate();
    List<ConsensusMessage> buffered = new ArrayList<>(nextHeight);
    nextHeight.clear();
    for (ConsensusMessage m : buffered) {
      if (m.height() == height && !decided) {
        accept(m);
        evaluate();
      }
    }
    return drain();
  }

  public List<Action> onProposal(Proposal proposal) {
    if (route(proposal)) accept(proposal);
    return evaluateAndDrain();
  }

  public List<Action> onVote(Vote vote) {
    if (route(vote)) accept(vote);
    return evaluateAndDrain();
  }

  /** Either message kind. */
  public List<Action> onMessage(ConsensusMessage message) {
    return switch (message) {
      case Proposal p -> onProposal(p);
      case Vote v -> onVote(v);
    };
  }

  /** Lines 57-65. Stale timeouts (another height, round or step) do nothing. */
  public List<Action> onTimeout(Timeout timeout) {
    if (timeout.height() == height && timeout.round() == round && !decided) {
      switch (timeout.kind()) {
        case PROPOSE -> {
          if (step == Step.PROPOSE) prevote(null);
        }
        case PREVOTE -> {
          if (step == Step.PREVOTE) precommit(null);
        }
        case PRECOMMIT -> startRound(round + 1);
      }
    }
    return evaluateAndDrain();
  }

  /**
   * A height was decided without this machine: its host committed the block certified by {@code
   * certificate}, which a block sync delivered before this machine decided it. Either the
   * current height, undecided here, or the next one, not started yet (this machine decided the
   * current height and the host waits out the block interval; it has signed nothing there). A
   * validator then does what it does when it decides itself: if it is in the certificate's round
   * (for a height not started: has voted in no round) and has precommitted nothing in that
   * round, it signs and broadcasts its precommit for the certified value, so it can join the
   * certificate the next block carries. The current height counts as decided afterwards: no
   * other vote of it follows. A certificate of any other height, or one that does not verify
   * against its height's validators, does nothing. The host calls this only after the block is
   * durably committed, so that height is never replayed.
   */
  public List<Action> onDecidedElsewhere(CommitCertificate certificate) {
    long h = certificate.height();
    if (height != 0 && !decided && h == height
        && certificate.verify(config.chainId(), set, verifier)) {
      castDecisionPrecommit(certificate.round(), certificate.valueId());
      decided = true;
    } else if (height != 0 && decided && h == height + 1) {
      ValidatorSet next = schedule.setAt(h);
      long power = next.powerOf(signer.address());
      if (power > 0 && certificate.verify(config.chainId(), next, verifier)) {
        try {
          out.add(new Action.Broadcast(Vote.sign(config.chainId(), VoteType.PRECOMMIT, h,
              certificate.round(), certificate.valueId(), signer)));
        } catch (SigningRefusedException e) {
          // refused, or signed before a restart: nothing to add
        }
      }
    }
    return drain();
  }

  // ---------------------------------------------------------------- queries

  public long height() {
    return height;
  }

  public int round() {
    return round;
  }

  public Step step() {
    return step;
  }

  public boolean isDecided() {
    return decided;
  }

  public int lockedRound() {
    return lockedRound;
  }

  public int validRound() {
    return validRound;
  }

  public ValidatorSet validatorSet() {
    return set;
  }

  /** The proposer of {@code r} at the current height. */
  public Validator proposer(int r) {
    return proposers.computeIfAbsent(r, rotation::proposer);
  }

  /**
   * Every accepted message of the current height, rounds in order (proposals, prevotes, precommits
   * by validator): what a gossip layer re-sends to peers that may have missed them.
   */
  public List<ConsensusMessage> messagesOfHeight() {
    List<ConsensusMessage> all = new ArrayList<>();
    for (RoundState rs : rounds.values()) {
      all.addAll(rs.proposals);
      all.addAll(rs.prevotes.all());
      all.addAll(rs.precommits.all());
    }
    return all;
  }

  // ---------------------------------------------------------------- intake

  /** Whether {@code m} is for this height now; buffers next-height messages. */
  private boolean route(ConsensusMessage m) {
    if (height == 0) return false;
    if (m.height() == height + 1) {
      if (nextHeight.size() < config.maxBufferedNextHeight()
          && schedule.setAt(height + 1).contains(m.signer())) {
        nextHeight.add(m);
      }
      return false;
    }
    return m.height() == height && !decided;
  }

  private void accept(ConsensusMessage m) {
    if (m.round() > (long) round + config.maxRoundsAhead()) return;
    long power = set.powerOf(m.signer());
    if (power == 0) return;
    switch (m) {
      case Proposal p -> acceptProposal(p, power);
      case Vote v -> acceptVote(v, power);
    }
  }

  /**
   * Keeps the round proposer's signed proposal. A second, conflicting one is evidence (reported
   * once per round) and is kept too, within {@link ConsensusConfig#maxProposalsPerRound()} unless
   * its value is vouched for by more than 1/3 of the power: line 49 decides on any proposal of the
   * round whose value has 2f+1 precommits, so a node that first saw the other proposal must still
   * be able to decide.
   */
  private void acceptProposal(Proposal p, long power) {
    RoundState rs = roundState(p.round());
    if (!p.proposer().equals(proposer(p.round()).address()) || rs.proposals.contains(p)) return;
    if (!p.verify(config.chainId(), verifier)) return;
    Proposal first = rs.proposal();
    if (first != null) {
      boolean known = false;
      for (Proposal q : rs.proposals) known |= !q.conflictsWith(p);
      if (known) return;
      if (!rs.proposalEquivocationReported) {
        rs.proposalEquivocationReported = true;
        out.add(new Action.ReportEvidence(new Evidence(first, p)));
      }
      if (rs.proposals.size() >= config.maxProposalsPerRound() && !vouched(rs, p.valueId())) return;
    }
    rs.proposals.add(p);
    rs.addSender(p.proposer(), power);
  }

  private boolean vouched(RoundState rs, Hash valueId) {
    return set.exceedsOneThird(rs.prevotes.powerFor(valueId))
        || set.exceedsOneThird(rs.precommits.powerFor(valueId));
  }

  private void acceptVote(Vote v, long power) {
    RoundState rs = roundState(v.round());
    VoteTally tally = rs.tally(v.type());
    if (tally.has(v) || !v.verify(config.chainId(), verifier)) return;
    switch (tally.add(v, power)) {
      case ADDED -> rs.addSender(v.validator(), power);
      case DUPLICATE -> {}
      case CONFLICT -> {
        if (tally.markReported(v.validator())) {
          Vote earlier = tally.firstVoteOf(v.validator());
          out.add(new Action.ReportEvidence(new Evidence(earlier, v)));
        }
      }
    }
  }

  // ---------------------------------------------------------------- the upon rules

  private List<Action> evaluateAndDrain() {
    evaluate();
    return drain();
  }

  /** Applies rules until none fires (or the height is decided). */
  private void evaluate() {
    if (height != 0) {
      boolean progressed = true;
      while (progressed && !decided) progressed = applyOneRule();
    }
  }

  private List<Action> drain() {
    List<Action> result = List.copyOf(out);
    out = new ArrayList<>();
    return result;
  }

  /** Applies the first rule whose guard holds; false when none does. */
  private boolean applyOneRule() {
    return decideRule()
        || roundSkipRule()
        || proposalRule()
        || prevoteTimeoutRule()
        || lockRule()
        || nilPrecommitRule()
        || precommitTimeoutRule();
  }

  /** Line 49: a proposal of some round and 2f+1 precommits for it decide the height. */
  private boolean decideRule() {
    for (Map.Entry<Integer, RoundState> e : rounds.entrySet()) {
      RoundState rs = e.getValue();
      for (Proposal p : rs.proposals) {
        Hash id = p.valueId();
        if (decisionQuorum(rs.precommits.powerFor(id)) && valid(p)) {
          decide(e.getKey(), p);
          return true;
        }
      }
    }
    return false;
  }

  private boolean decisionQuorum(long power) {
    return mutation == RuleMutation.DECIDE_ON_ONE_THIRD
        ? set.exceedsOneThird(power)
        : set.isQuorum(power);
  }

  /** Line 55: f+1 validators are in a higher round: skip to it. */
  private boolean roundSkipRule() {
    for (Map.Entry<Integer, RoundState> e : rounds.descendingMap().entrySet()) {
      if (e.getKey() <= round) return false;
      if (set.exceedsOneThird(e.getValue().senderPower())) {
        startRound(e.getKey());
        return true;
      }
    }
    return false;
  }

  /** Lines 22 and 28: prevote for the round's proposal, respecting the lock. */
  private boolean proposalRule() {
    if (step != Step.PROPOSE) return false;
    for (Proposal p : roundState(round).proposals) {
      int vr = p.validRound();
      boolean lockAllows = mutation == RuleMutation.IGNORE_LOCK;
      if (vr == -1) {
        lockAllows |= lockedRound == -1 || Arrays.equals(lockedValue, p.value());
        prevote(valid(p) && lockAllows ? p.valueId() : null);
        return true;
      }
      if (vr < round && polkaAt(vr, p.valueId())) {
        lockAllows |= lockedRound <= vr || Arrays.equals(lockedValue, p.value());
        prevote(valid(p) && lockAllows ? p.valueId() : null);
        return true;
      }
    }
    return false;
  }

  /** Whether round {@code r} has 2f+1 prevotes for {@code valueId} (line 28's justification). */
  private boolean polkaAt(int r, Hash valueId) {
    return mutation == RuleMutation.UNCHECKED_VALID_ROUND
        || set.isQuorum(roundState(r).prevotes.powerFor(valueId));
  }

  /** Line 34: 2f+1 prevotes of any kind start the prevote timeout, once per round. */
  private boolean prevoteTimeoutRule() {
    RoundState rs = roundState(round);
    if (step != Step.PREVOTE || rs.prevoteTimeoutScheduled) return false;
    if (!set.isQuorum(rs.prevotes.anyPower())) return false;
    rs.prevoteTimeoutScheduled = true;
    schedule(TimeoutKind.PREVOTE);
    return true;
  }

  /** Line 36: a proposal with 2f+1 prevotes locks (if still prevoting) and becomes the valid value. */
  private boolean lockRule() {
    RoundState rs = roundState(round);
    if (step == Step.PROPOSE || rs.validValueUpdated) return false;
    Proposal p = null;
    for (Proposal q : rs.proposals) {
      if (set.isQuorum(rs.prevotes.powerFor(q.valueId())) && valid(q)) {
        p = q;
        break;
      }
    }
    if (p == null) return false;
    rs.validValueUpdated = true;
    if (step == Step.PREVOTE) {
      lockedValue = p.value();
      lockedRound = round;
      precommit(p.valueId());
    }
    validValue = p.value();
    validRound = round;
    return true;
  }

  /** Line 44: 2f+1 nil prevotes: precommit nil. */
  private boolean nilPrecommitRule() {
    if (step != Step.PREVOTE || !set.isQuorum(roundState(round).prevotes.nilPower())) return false;
    precommit(null);
    return true;
  }

  /** Line 47: 2f+1 precommits of any kind start the precommit timeout, once per round. */
  private boolean precommitTimeoutRule() {
    RoundState rs = roundState(round);
    if (rs.precommitTimeoutScheduled || !set.isQuorum(rs.precommits.anyPower())) return false;
    rs.precommitTimeoutScheduled = true;
    schedule(TimeoutKind.PRECOMMIT);
    return true;
  }

  // ---------------------------------------------------------------- steps

  /** Lines 11-21. */
  private void startRound(int r) {
    round = r;
    step = Step.PROPOSE;
    if (proposer(r).address().equals(signer.address())) {
      byte[] value = validValue != null ? validValue : app.proposeValue(height, r);
      Proposal p;
      try {
        p = Proposal.sign(config.chainId(), height, r, value, validRound, signer);
      } catch (SigningRefusedException e) {
        schedule(TimeoutKind.PROPOSE); // silent, like a proposer that is down: the round moves on
        return;
      }
      out.add(new Action.Broadcast(p));
      RoundState rs = roundState(r);
      rs.proposals.add(p);
      rs.addSender(p.proposer(), set.powerOf(p.proposer()));
    } else {
      schedule(TimeoutKind.PROPOSE);
    }
  }

  private void prevote(Hash valueId) {
    castVote(VoteType.PREVOTE, valueId);
    step = Step.PREVOTE;
  }

  private void precommit(Hash valueId) {
    castVote(VoteType.PRECOMMIT, valueId);
    step = Step.PRECOMMIT;
  }

  /**
   * Signs and broadcasts a vote if this node is a validator, and counts it locally. A vote the
   * signer refuses is neither counted nor sent; when the refusal names the vote this validator
   * did sign for this step (before it lost its state), that vote is cast again instead, so the
   * round sees its real vote; otherwise this validator is silent for that step.
   */
  private void castVote(VoteType type, Hash valueId) {
    long power = set.powerOf(signer.address());
    if (power == 0) return;
    Vote v;
    try {
      v = Vote.sign(config.chainId(), type, height, round, valueId, signer);
    } catch (SigningRefusedException e) {
      if (e.earlierVote() == null) return;
      try {
        v = Vote.sign(config.chainId(), type, height, round, e.earlierVote().valueId(), signer);
      } catch (SigningRefusedException again) {
        return;
      }
    }
    out.add(new Action.Broadcast(v));
    RoundState rs = roundState(round);
    if (rs.tally(type).add(v, power) == VoteTally.Outcome.ADDED) rs.addSender(v.validator(), power);
  }

  private void decide(int r, Proposal p) {
    castDecisionPrecommit(r, p.valueId());
    List<Vote> precommits = roundState(r).precommits.votesFor(p.valueId());
    CommitCertificate cert = CommitCertificate.of(height, r, p.valueId(), precommits);
    out.add(new Action.Decide(height, r, p.value(), cert));
    decided = true;
  }

  /**
   * A late decider's precommit: this validator saw 2f+1 precommits for {@code valueId} in round
   * {@code r} (and the proposal) before casting its own, so it signs and broadcasts a precommit
   * for the decided value there, to be counted in the certificate the next block carries
   * (downtime) instead of being reported missing. Only in the round it is in, and only when it
   * has precommitted nothing in that round: never a second precommit of one round (that would
   * equivocate), never a vote of a lower round after voting in a higher one. Safe: the decision
   * exists already, the vote is for the decided value, which 2f+1 precommits prove had 2f+1
   * prevotes in that round, and the node casts no further vote at this height, so it needs no
   * lock (docs/CONSENSUS.md "Late deciders precommit"). Counted in the round's tally, so the
   * decision's certificate holds it. Nothing when not a validator or the signer refuses.
   */
  private void castDecisionPrecommit(int r, Hash valueId) {
    long power = set.powerOf(signer.address());
    if (power == 0) return;
    RoundState rs = roundState(r);
    boolean precommitted = rs.precommits.firstVoteOf(signer.address()) != null;
    if (r != round || (precommitted && mutation != RuleMutation.DECISION_PRECOMMIT_TWICE)) {
      return;
    }
    Vote v;
    try {
      v = Vote.sign(config.chainId(), VoteType.PRECOMMIT, height, r, valueId, signer);
    } catch (SigningRefusedException e) {
      return; // refused, or signed before a restart: another message would equivocate
    }
    out.add(new Action.Broadcast(v));
    if (rs.precommits.add(v, power) == VoteTally.Outcome.ADDED) rs.addSender(v.validator(), power);
  }

  private void schedule(TimeoutKind kind) {
    out.add(new Action.ScheduleTimeout(kind, height, round, config.timeoutMillis(kind, round)));
  }

  // ---------------------------------------------------------------- helpers

  private void resetHeightState() {
    proposers.clear();
    rounds.clear();
    validity.clear();
    decided = false;
    lockedValue = null;
    lockedRound = -1;
    validValue = null;
    validRound = -1;
  }

  private RoundState roundState(int r) {
    return rounds.computeIfAbsent(r, k -> new RoundState());
  }

  private boolean valid(Proposal p) {
    return validity.computeIfAbsent(p.valueId(), k -> app.isValid(height, p.value()));
  }
}
