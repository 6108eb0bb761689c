package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;

class TendermintMachineTest {
  private final List<Ed25519KeyPair> keys = TestKeys.keys(4);
  private final ValidatorSet set = TestKeys.set(keys);
  private final ValidatorSchedule schedule = ValidatorSchedule.genesis(set);
  private final ProposerRotation rotation = schedule.rotationAt(1);

  // ------------------------------------------------------------ whole-network behaviour

  @Test
  void fourValidatorsDecideInRoundZero() {
    LocalNetwork net = new LocalNetwork(keys, schedule, TestKeys.APP);
    net.startAll(1);
    net.runUntilDecided(1, 10_000);
    assertTrue(net.allDecided(1));
    for (List<Action.Decide> ds : net.decisions) {
      assertEquals(1, ds.size());
      Action.Decide d = ds.get(0);
      assertEquals(0, d.round());
      assertEquals("value 1/0", new String(d.value(), java.nio.charset.StandardCharsets.US_ASCII));
      assertTrue(d.certificate().verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    }
  }

  @Test
  void heightsFollowOneAnotherWithRotatingProposers() {
    LocalNetwork net = new LocalNetwork(keys, schedule, TestKeys.APP);
    for (long h = 1; h <= 5; h++) {
      net.startAll(h);
      net.runUntilDecided(h, 10_000);
      assertTrue(net.allDecided(h), "height " + h);
    }
    assertEquals(5, net.decisions.get(0).size());
  }

  @Test
  void absentProposerLeadsToTimeoutsAndRoundOneDecides() {
    LocalNetwork net = new LocalNetwork(keys, schedule, TestKeys.APP);
    net.absent.add(indexOf(rotation.proposer(0).address()));
    assertNotEquals(rotation.proposer(0), rotation.proposer(1));
    net.startAll(1);
    net.runUntilDecided(1, 10_000);
    assertTrue(net.allDecided(1));
    for (int i = 0; i < 4; i++) {
      if (net.absent.contains(i)) continue;
      assertEquals(1, net.decisions.get(i).get(0).round());
    }
  }

  // ------------------------------------------------------------ single-machine rules

  @Test
  void lockedNodePrevotesNilForAConflictingValueAndRepeatsItsLockWhenReproposed() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    byte[] v = TestKeys.bytes("value v");
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, v, -1, signerOf(rotation.proposer(0)));
    assertEquals(Hash.class, voteOf(m.onProposal(p0), VoteType.PREVOTE).valueId().getClass());
    List<Action> out = new ArrayList<>();
    for (int i : others(me, 2)) {
      out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, p0.valueId(), Signer.of(keys.get(i)))));
    }
    Vote precommit = voteOf(out, VoteType.PRECOMMIT);
    assertEquals(p0.valueId(), precommit.valueId());
    assertEquals(0, m.lockedRound());

    moveToRound(m, me, 1);
    byte[] w = TestKeys.bytes("value w");
    Proposal p1 = Proposal.sign(TestKeys.CHAIN, 1, 1, w, -1, signerOf(rotation.proposer(1)));
    Vote prevote = voteOf(m.onProposal(p1), VoteType.PREVOTE);
    assertNull(prevote.valueId(), "locked on v: must not prevote w");

    moveToRound(m, me, 2);
    Proposal p2 = Proposal.sign(TestKeys.CHAIN, 1, 2, v, 0, signerOf(rotation.proposer(2)));
    assertEquals(p0.valueId(), voteOf(m.onProposal(p2), VoteType.PREVOTE).valueId());
  }

  @Test
  void lockingPreventsAConflictingDecisionAcrossRounds() {
    // Round 0: everyone locks on v, but all precommits are lost; round 1's proposer offers w.
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1, signerOf(rotation.proposer(0)));
    m.onProposal(p0);
    for (int i : others(me, 3)) {
      m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, p0.valueId(), Signer.of(keys.get(i))));
    }
    moveToRound(m, me, 1);
    Proposal p1 = Proposal.sign(TestKeys.CHAIN, 1, 1, TestKeys.bytes("w"), -1, signerOf(rotation.proposer(1)));
    List<Action> out = new ArrayList<>(m.onProposal(p1));
    // only one other validator (a Byzantine one) prevotes w: no polka for w, nothing decided
    out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 1, p1.valueId(), signerOf(rotation.proposer(1)))));
    assertTrue(out.stream().noneMatch(a -> a instanceof Action.Decide));
    assertTrue(
        out.stream()
            .noneMatch(a -> a instanceof Action.Broadcast b
                && b.message() instanceof Vote vote
                && p1.valueId().equals(vote.valueId())));
  }

  @Test
  void quorumOfNilPrevotesLeadsToNilPrecommit() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    List<Action> out = m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0));
    assertNull(voteOf(out, VoteType.PREVOTE).valueId());
    List<Action> later = new ArrayList<>();
    for (int i : others(me, 2)) {
      later.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, null, Signer.of(keys.get(i)))));
    }
    assertNull(voteOf(later, VoteType.PRECOMMIT).valueId());
    assertEquals(TendermintMachine.Step.PRECOMMIT, m.step());
  }

  @Test
  void prevoteTimeoutStartsOnceOnAnyQuorumAndThenPrecommitsNil() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0));
    int[] two = others(me, 2);
    m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, Hash.ZERO, Signer.of(keys.get(two[0]))));
    List<Action> out = m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, Proposal.valueId(new byte[1]),
        Signer.of(keys.get(two[1]))));
    assertEquals(1, out.stream().filter(a -> a instanceof Action.ScheduleTimeout t
        && t.kind() == TimeoutKind.PREVOTE).count());
    List<Action> fired = m.onTimeout(new Timeout(TimeoutKind.PREVOTE, 1, 0));
    assertNull(voteOf(fired, VoteType.PRECOMMIT).valueId());
  }

  @Test
  void fPlusOneMessagesOfAHigherRoundSkipToIt() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    int[] two = others(me, 2);
    m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 3, null, Signer.of(keys.get(two[0]))));
    assertEquals(0, m.round(), "one validator (1/4 of the power) is not f+1");
    m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, 3, null, Signer.of(keys.get(two[0]))));
    assertEquals(0, m.round(), "the same validator twice is still not f+1");
    m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, 3, null, Signer.of(keys.get(two[1]))));
    assertEquals(3, m.round());
  }

  @Test
  void invalidSignaturesAndNonValidatorsAreIgnored() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0));
    int[] two = others(me, 2);
    m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, null, Signer.of(keys.get(two[0]))));
    Vote good = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, null, Signer.of(keys.get(two[1])));
    byte[] sig = good.signature();
    sig[5] ^= 1;
    Vote forged = new Vote(VoteType.PREVOTE, 1, 0, null, good.validator(), sig);
    assertTrue(m.onVote(forged).isEmpty());
    Vote outsider = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, null, Signer.of(TestKeys.key(99)));
    assertTrue(m.onVote(outsider).isEmpty());
    Vote otherHeight = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 7, 0, null, Signer.of(keys.get(two[1])));
    assertTrue(m.onVote(otherHeight).isEmpty());
    assertEquals(TendermintMachine.Step.PREVOTE, m.step());
    assertNull(voteOf(m.onVote(good), VoteType.PRECOMMIT).valueId());
  }

  @Test
  void aSoleValidatorWhoseSignaturesAreRefusedNeitherSendsNorDecides() {
    Ed25519KeyPair only = keys.get(0);
    List<String> asked = new ArrayList<>();
    TendermintMachine m = soleValidator(only, (height, round, kind, valueId) -> {
      asked.add(height + "/" + round + "/" + kind);
      throw new SigningRefusedException(SigningRefusedException.Reason.GUARD_UNAVAILABLE,
          "disk full", null);
    });
    List<Action> out = new ArrayList<>(m.start(1));
    assertEquals(List.of("1/0/" + Signer.PROPOSAL), asked);
    Action.ScheduleTimeout propose = (Action.ScheduleTimeout) out.stream()
        .filter(a -> a instanceof Action.ScheduleTimeout).findFirst().orElseThrow();
    assertEquals(TimeoutKind.PROPOSE, propose.kind());
    out.addAll(m.onTimeout(propose.timeout()));
    assertEquals("1/0/" + Signer.kindOf(VoteType.PREVOTE), asked.get(1));
    assertTrue(out.stream().noneMatch(a -> a instanceof Action.Broadcast), out.toString());
    assertFalse(m.isDecided());
  }

  @Test
  void aSoleValidatorDecidesOnceItsSignerAuthorizes() {
    List<Integer> kinds = new ArrayList<>();
    TendermintMachine m = soleValidator(keys.get(0),
        (height, round, kind, valueId) -> kinds.add(kind));
    m.start(1);
    assertTrue(m.isDecided());
    assertEquals(List.of(Signer.PROPOSAL, Signer.kindOf(VoteType.PREVOTE),
        Signer.kindOf(VoteType.PRECOMMIT)), kinds);
  }

  @Test
  void aValidatorThatLostItsStateReCastsTheVoteItSignedBeforeInsteadOfStayingSilent() {
    // it had prevoted `earlier` in round 0 before losing its data; now it would prevote nil
    Hash earlier = Proposal.valueId(TestKeys.bytes("the block it saw before the crash"));
    TendermintMachine m = soleValidator(keys.get(0), (height, round, kind, valueId) -> {
      if (kind == Signer.kindOf(VoteType.PREVOTE) && !earlier.equals(valueId)) {
        throw new SigningRefusedException(SigningRefusedException.Reason.CONFLICT, "signed",
            null, new SigningRefusedException.EarlierVote(earlier));
      }
      if (kind == Signer.PROPOSAL) {
        throw new SigningRefusedException(SigningRefusedException.Reason.CONFLICT, "proposed",
            null);
      }
    });
    List<Action> out = new ArrayList<>(m.start(1));
    Action.ScheduleTimeout propose = (Action.ScheduleTimeout) out.stream()
        .filter(a -> a instanceof Action.ScheduleTimeout).findFirst().orElseThrow();
    out.addAll(m.onTimeout(propose.timeout()));
    Vote prevote = voteOf(out, VoteType.PREVOTE);
    assertEquals(earlier, prevote.valueId(), "the earlier vote, the very same message, again");
    assertTrue(prevote.verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    // counted: a sole validator's own prevote is a quorum of prevotes, which starts the prevote
    // timeout (without the proposal for that value it cannot precommit it)
    assertTrue(out.stream().anyMatch(a -> a instanceof Action.ScheduleTimeout t
        && t.kind() == TimeoutKind.PREVOTE), out.toString());
  }

  /** What a test signer does when asked to authorize a signature. */
  private interface Authorization {
    void authorize(long height, int round, int kind, Hash valueId);
  }

  /** A machine whose validator set is {@code key} alone, signing after {@code authorization}. */
  private static TendermintMachine soleValidator(Ed25519KeyPair key, Authorization authorization) {
    return new TendermintMachine(ValidatorSchedule.genesis(TestKeys.set(List.of(key))),
        ConsensusConfig.defaults(TestKeys.CHAIN), signer(key, authorization), TestKeys.APP,
        TestKeys.VERIFIER);
  }

  /** {@code key}'s signer, asking {@code authorization} before each signature. */
  private static Signer signer(Ed25519KeyPair key, Authorization authorization) {
    return new Signer() {
      @Override
      public Address address() {
        return key.address();
      }

      @Override
      public byte[] sign(byte[] message) {
        return key.sign(message);
      }

      @Override
      public void authorize(long height, int round, int kind, Hash valueId,
          byte[] signingBytes) {
        authorization.authorize(height, round, kind, valueId);
      }
    };
  }

  // ------------------------------------------------------------ late deciders precommit

  @Test
  void aLateDeciderPrecommitsTheDecidedValueOnceInTheDecisionRound() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1,
        signerOf(rotation.proposer(0)));
    List<Action> out = new ArrayList<>();
    for (int i : others(me, 3)) out.addAll(m.onVote(precommit(0, p0.valueId(), i)));
    assertFalse(m.isDecided(), "the proposal is not there yet");
    out.addAll(m.onProposal(p0));
    assertTrue(m.isDecided());
    List<Vote> own = ownVotes(out, me);
    assertEquals(1, own.size(), "one vote, a precommit, no prevote: " + own);
    Vote late = own.getFirst();
    assertEquals(VoteType.PRECOMMIT, late.type());
    assertEquals(1, late.height());
    assertEquals(0, late.round());
    assertEquals(p0.valueId(), late.valueId());
    assertTrue(late.verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    Action.Decide d = decisionOf(out);
    assertEquals(4, d.certificate().signatures().size(), "its own signature joins the others'");
    assertTrue(d.certificate().verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    // the broadcast comes before the decision, so a host sends it before moving on
    assertTrue(out.indexOf(new Action.Broadcast(late)) < out.indexOf(d));
    // decided: more messages of the height change nothing, the precommit is never sent again
    assertTrue(m.onVote(precommit(0, p0.valueId(), others(me, 1)[0])).isEmpty());
    assertTrue(m.onTimeout(new Timeout(TimeoutKind.PRECOMMIT, 1, 0)).isEmpty());
  }

  @Test
  void aLateDeciderThatPrevotedStillPrecommitsTheDecidedValue() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1,
        signerOf(rotation.proposer(0)));
    assertEquals(p0.valueId(), voteOf(m.onProposal(p0), VoteType.PREVOTE).valueId());
    List<Action> out = new ArrayList<>();
    for (int i : others(me, 3)) out.addAll(m.onVote(precommit(0, p0.valueId(), i)));
    assertTrue(m.isDecided());
    List<Vote> own = ownVotes(out, me);
    assertEquals(1, own.size(), own.toString());
    assertEquals(VoteType.PRECOMMIT, own.getFirst().type());
    assertEquals(p0.valueId(), own.getFirst().valueId());
    assertEquals(4, decisionOf(out).certificate().signatures().size());
  }

  @Test
  void aDeciderThatPrecommittedTheValueSignsNothingMore() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1,
        signerOf(rotation.proposer(0)));
    lockOn(m, me, p0);
    int[] three = others(me, 3);
    List<Action> out = new ArrayList<>();
    out.addAll(m.onVote(precommit(0, p0.valueId(), three[0])));
    out.addAll(m.onVote(precommit(0, p0.valueId(), three[1])));
    assertTrue(m.isDecided());
    assertTrue(ownVotes(out, me).isEmpty(), out.toString());
    assertEquals(3, decisionOf(out).certificate().signatures().size());
  }

  @Test
  void aDeciderThatPrecommittedNilInTheRoundDoesNotPrecommitAgain() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0));
    List<Action> nil = new ArrayList<>();
    for (int i : others(me, 2)) {
      nil.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, null,
          Signer.of(keys.get(i)))));
    }
    assertNull(voteOf(nil, VoteType.PRECOMMIT).valueId());
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1,
        signerOf(rotation.proposer(0)));
    List<Action> out = new ArrayList<>(m.onProposal(p0));
    for (int i : others(me, 3)) out.addAll(m.onVote(precommit(0, p0.valueId(), i)));
    assertTrue(m.isDecided());
    assertTrue(ownVotes(out, me).isEmpty(), "a second precommit of round 0 is a double vote: "
        + out);
    Action.Decide d = decisionOf(out);
    assertEquals(3, d.certificate().signatures().size());
    assertTrue(d.certificate().signatures().stream()
        .noneMatch(sig -> sig.validator().equals(keys.get(me).address())));
  }

  @Test
  void aDeciderThatPrecommittedAnotherValueInTheRoundDoesNotPrecommitAgain() {
    // an equivocating proposer offers w and v in round 0; this node locks on w, 2f+1 decide v
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Signer proposer = signerOf(rotation.proposer(0));
    Proposal w = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("w"), -1, proposer);
    Proposal v = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1, proposer);
    lockOn(m, me, w);
    List<Action> out = new ArrayList<>();
    for (int i : others(me, 3)) out.addAll(m.onVote(precommit(0, v.valueId(), i)));
    out.addAll(m.onProposal(v));
    assertTrue(m.isDecided());
    assertEquals(v.valueId(), Proposal.valueId(decisionOf(out).value()));
    assertTrue(ownVotes(out, me).isEmpty(), out.toString());
  }

  @Test
  void aDecisionOfAnEarlierRoundGetsNoPrecommitFromANodeInALaterRound() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    int[] three = others(me, 3);
    // two validators (f+1) are in round 1: skip to it and prevote nil there
    for (int i : new int[] {three[0], three[1]}) {
      m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 1, null, Signer.of(keys.get(i))));
    }
    assertEquals(1, m.round());
    assertNull(voteOf(m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 1)), VoteType.PREVOTE)
        .valueId());
    // round 0's decision reaches it only now
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1,
        signerOf(rotation.proposer(0)));
    List<Action> out = new ArrayList<>(m.onProposal(p0));
    for (int i : three) out.addAll(m.onVote(precommit(0, p0.valueId(), i)));
    assertTrue(m.isDecided());
    assertEquals(0, decisionOf(out).round());
    assertTrue(ownVotes(out, me).isEmpty(), "no vote of round 0 after voting in round 1: " + out);
    assertEquals(3, decisionOf(out).certificate().signatures().size());
  }

  @Test
  void aLateDeciderWhoseSignerRefusesStillDecidesWithoutItsPrecommit() {
    int me = spectator();
    List<String> asked = new ArrayList<>();
    Signer refusing = signer(keys.get(me), (height, round, kind, valueId) -> {
      asked.add(height + "/" + round + "/" + kind + "/" + valueId);
      throw new SigningRefusedException(SigningRefusedException.Reason.GUARD_UNAVAILABLE,
          "disk full", null);
    });
    TendermintMachine m = new TendermintMachine(schedule, ConsensusConfig.defaults(TestKeys.CHAIN),
        refusing, TestKeys.APP, TestKeys.VERIFIER);
    m.start(1);
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1,
        signerOf(rotation.proposer(0)));
    List<Action> out = new ArrayList<>();
    for (int i : others(me, 3)) out.addAll(m.onVote(precommit(0, p0.valueId(), i)));
    out.addAll(m.onProposal(p0));
    assertTrue(m.isDecided());
    assertEquals(List.of("1/0/" + Signer.kindOf(VoteType.PRECOMMIT) + "/" + p0.valueId()), asked,
        "asked (and so recorded by a guard) before any signature");
    assertTrue(out.stream().noneMatch(a -> a instanceof Action.Broadcast), out.toString());
    assertEquals(3, decisionOf(out).certificate().signatures().size());
  }

  @Test
  void aValidatorWhoseHeightWasDecidedElsewherePrecommitsTheCertifiedValueOnce() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Hash v = Proposal.valueId(TestKeys.bytes("the block sync delivered"));
    List<Vote> three = new ArrayList<>();
    for (int i : others(me, 3)) three.add(precommit(0, v, i));
    CommitCertificate cert = CommitCertificate.of(1, 0, v, three);
    // a certificate of another height, or without a quorum, changes nothing
    assertTrue(m.onDecidedElsewhere(CommitCertificate.of(2, 0, v, List.of())).isEmpty());
    assertTrue(m.onDecidedElsewhere(CommitCertificate.of(1, 0, v, three.subList(0, 2)))
        .isEmpty());
    assertFalse(m.isDecided());
    List<Action> out = m.onDecidedElsewhere(cert);
    List<Vote> own = ownVotes(out, me);
    assertEquals(1, own.size(), out.toString());
    assertEquals(VoteType.PRECOMMIT, own.getFirst().type());
    assertEquals(0, own.getFirst().round());
    assertEquals(v, own.getFirst().valueId());
    assertTrue(out.stream().noneMatch(a -> a instanceof Action.Decide), "the host committed it");
    assertTrue(m.isDecided());
    assertTrue(m.onDecidedElsewhere(cert).isEmpty(), "never twice");
    assertTrue(m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0)).isEmpty(), "no more votes");
  }

  @Test
  void aValidatorThatHasNotStartedTheNextHeightPrecommitsItsSyncedBlock() {
    // it decided height 1 and waits out the block interval; the others decide height 2 meanwhile
    LocalNetwork net = new LocalNetwork(keys, schedule, TestKeys.APP);
    net.startAll(1);
    net.runUntilDecided(1, 10_000);
    int me = spectator();
    TendermintMachine m = net.machines.get(me);
    assertTrue(m.isDecided());
    Hash v = Proposal.valueId(TestKeys.bytes("height 2, decided without it"));
    List<Vote> three = new ArrayList<>();
    for (int i : others(me, 3)) {
      three.add(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 2, 0, v, Signer.of(keys.get(i))));
    }
    assertTrue(m.onDecidedElsewhere(CommitCertificate.of(2, 0, v, three.subList(0, 2)))
        .isEmpty(), "no quorum");
    assertTrue(m.onDecidedElsewhere(CommitCertificate.of(3, 0, v, List.of())).isEmpty());
    List<Vote> own = ownVotes(m.onDecidedElsewhere(CommitCertificate.of(2, 0, v, three)), me);
    assertEquals(1, own.size());
    assertEquals(2, own.getFirst().height());
    assertEquals(0, own.getFirst().round());
    assertEquals(v, own.getFirst().valueId());
    assertTrue(own.getFirst().verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    assertEquals(1, m.height(), "the machine itself stays where it was");
  }

  @Test
  void aHeightDecidedElsewhereGetsNoSecondPrecommitNorOneOfAnEarlierRound() {
    int me = spectator();
    Hash v = Proposal.valueId(TestKeys.bytes("the block sync delivered"));
    List<Vote> three = new ArrayList<>();
    for (int i : others(me, 3)) three.add(precommit(0, v, i));
    CommitCertificate cert = CommitCertificate.of(1, 0, v, three);
    // precommitted nil in round 0 (prevote timeout)
    TendermintMachine nil = machine(me);
    nil.start(1);
    nil.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0));
    assertNull(voteOf(nil.onTimeout(new Timeout(TimeoutKind.PREVOTE, 1, 0)), VoteType.PRECOMMIT)
        .valueId());
    assertTrue(ownVotes(nil.onDecidedElsewhere(cert), me).isEmpty());
    assertTrue(nil.isDecided());
    // in round 1 already
    TendermintMachine later = machine(me);
    later.start(1);
    for (int i : others(me, 2)) {
      later.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 1, null, Signer.of(keys.get(i))));
    }
    assertEquals(1, later.round());
    assertTrue(ownVotes(later.onDecidedElsewhere(cert), me).isEmpty());
  }

  @Test
  void proposalFromANonProposerIsIgnored() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal wrong = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("x"), -1, Signer.of(keys.get(me)));
    assertTrue(m.onProposal(wrong).isEmpty());
    assertEquals(TendermintMachine.Step.PROPOSE, m.step());
  }

  @Test
  void invalidValueGetsANilPrevote() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal bad = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("bad block"), -1, signerOf(rotation.proposer(0)));
    assertNull(voteOf(m.onProposal(bad), VoteType.PREVOTE).valueId());
  }

  @Test
  void equivocationProducesVerifiableEvidenceOnce() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Signer byz = Signer.of(keys.get(others(me, 1)[0]));
    List<Action> out = new ArrayList<>();
    out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, null, byz)));
    out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, Hash.ZERO, byz)));
    out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, Proposal.valueId(new byte[3]), byz)));
    out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, Hash.ZERO, byz)));
    List<Evidence> ev =
        out.stream()
            .filter(a -> a instanceof Action.ReportEvidence)
            .map(a -> ((Action.ReportEvidence) a).evidence())
            .toList();
    assertEquals(1, ev.size());
    assertEquals(byz.address(), ev.get(0).offender());
    assertTrue(ev.get(0).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    // a precommit equivocation is a separate offence
    m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, 0, null, byz));
    List<Action> second = m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, 0, Hash.ZERO, byz));
    assertEquals(1, second.stream().filter(a -> a instanceof Action.ReportEvidence).count());
  }

  @Test
  void proposalEquivocationProducesVerifiableEvidenceOnce() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Signer proposer = signerOf(rotation.proposer(0));
    Proposal a = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("a"), -1, proposer);
    Proposal b = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("b"), -1, proposer);
    Proposal c = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("c"), -1, proposer);
    List<Action> out = new ArrayList<>(m.onProposal(a));
    out.addAll(m.onProposal(b));
    out.addAll(m.onProposal(a));
    out.addAll(m.onProposal(c));
    out.addAll(m.onProposal(b));
    List<Evidence> ev =
        out.stream()
            .filter(x -> x instanceof Action.ReportEvidence)
            .map(x -> ((Action.ReportEvidence) x).evidence())
            .toList();
    assertEquals(1, ev.size(), "one report per round");
    Evidence e = ev.get(0);
    assertEquals(new Evidence(b, a), e);
    assertEquals(proposer.address(), e.offender());
    assertTrue(e.verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    assertFalse(e.verify("other-chain", set, TestKeys.VERIFIER));
    assertEquals(e, Evidence.decode(e.encode(), 1024));
    // the node prevoted the first proposal it saw, and only once
    assertEquals(1, out.stream().filter(x -> x instanceof Action.Broadcast br
        && br.message() instanceof Vote v && v.type() == VoteType.PREVOTE).count());
    assertEquals(a.valueId(), voteOf(out, VoteType.PREVOTE).valueId());
  }

  @Test
  void aNodeThatSawTheOtherProposalStillDecidesTheCommittedValue() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Signer proposer = signerOf(rotation.proposer(0));
    Proposal a = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("a"), -1, proposer);
    Proposal b = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("b"), -1, proposer);
    m.onProposal(a);
    List<Action> out = new ArrayList<>();
    for (int i : others(me, 3)) {
      out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, 0, b.valueId(),
          Signer.of(keys.get(i)))));
    }
    assertFalse(m.isDecided(), "b's proposal not seen yet");
    out.addAll(m.onProposal(b));
    assertTrue(m.isDecided());
    Action.Decide d = (Action.Decide) out.stream().filter(x -> x instanceof Action.Decide)
        .findFirst().orElseThrow();
    assertEquals(b.valueId(), Proposal.valueId(d.value()));
  }

  @Test
  void messagesSignedForAnotherChainAreIgnored() {
    int me = spectator();
    TendermintMachine m = machine(me);
    m.start(1);
    Proposal foreign =
        Proposal.sign("other-chain", 1, 0, TestKeys.bytes("x"), -1, signerOf(rotation.proposer(0)));
    assertFalse(foreign.verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    assertTrue(foreign.verify("other-chain", TestKeys.VERIFIER));
    assertTrue(m.onProposal(foreign).isEmpty());
    assertEquals(TendermintMachine.Step.PROPOSE, m.step());
    m.onTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0));
    for (int i : others(me, 3)) {
      assertTrue(m.onVote(Vote.sign("other-chain", VoteType.PREVOTE, 1, 0, null,
          Signer.of(keys.get(i)))).isEmpty(), "a vote of another chain counts for nothing");
    }
    assertEquals(TendermintMachine.Step.PREVOTE, m.step());
  }

  @Test
  void nextHeightMessagesAreBufferedUntilItStarts() {
    LocalNetwork net = new LocalNetwork(keys, schedule, TestKeys.APP);
    net.startAll(1);
    net.runUntilDecided(1, 10_000);
    int me = spectator();
    TendermintMachine m = net.machines.get(me);
    Proposal p = Proposal.sign(TestKeys.CHAIN, 2, 0, TestKeys.bytes("h2"), -1,
        signerOf(schedule.rotationAt(2).proposer(0)));
    assertTrue(m.onProposal(p).isEmpty());
    Vote prevote = voteOf(m.start(2), VoteType.PREVOTE);
    if (!schedule.rotationAt(2).proposer(0).address().equals(keys.get(me).address())) {
      assertEquals(p.valueId(), prevote.valueId());
    }
  }

  @Test
  void sameInputsGiveSameOutputs() {
    List<List<Action>> a = script();
    List<List<Action>> b = script();
    assertEquals(a, b);
  }

  private List<List<Action>> script() {
    int me = spectator();
    TendermintMachine m = machine(me);
    List<List<Action>> outs = new ArrayList<>();
    outs.add(m.start(1));
    Proposal p0 = Proposal.sign(TestKeys.CHAIN, 1, 0, TestKeys.bytes("v"), -1, signerOf(rotation.proposer(0)));
    outs.add(m.onProposal(p0));
    for (int i = 0; i < 4; i++) {
      outs.add(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, p0.valueId(), Signer.of(keys.get(i)))));
      outs.add(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, 0, p0.valueId(), Signer.of(keys.get(i)))));
    }
    assertTrue(m.isDecided());
    return outs;
  }

  // ------------------------------------------------------------ helpers

  private TendermintMachine machine(int i) {
    return new TendermintMachine(
        schedule, ConsensusConfig.defaults(TestKeys.CHAIN), Signer.of(keys.get(i)), TestKeys.APP, TestKeys.VERIFIER);
  }

  /** A validator that proposes none of rounds 0-2. */
  private int spectator() {
    for (int i = 0; i < 4; i++) {
      Address a = keys.get(i).address();
      if (!a.equals(rotation.proposer(0).address())
          && !a.equals(rotation.proposer(1).address())
          && !a.equals(rotation.proposer(2).address())) {
        return i;
      }
    }
    throw new IllegalStateException("no spectator");
  }

  private int[] others(int me, int count) {
    int[] out = new int[count];
    int n = 0;
    for (int i = 0; i < 4 && n < count; i++) if (i != me) out[n++] = i;
    return out;
  }

  private int indexOf(Address a) {
    for (int i = 0; i < keys.size(); i++) if (keys.get(i).address().equals(a)) return i;
    throw new IllegalArgumentException();
  }

  private Signer signerOf(Validator v) {
    return Signer.of(keys.get(indexOf(v.address())));
  }

  /** Drives {@code m} to {@code round} with nil precommits of the current round and its timeout. */
  private void moveToRound(TendermintMachine m, int me, int target) {
    while (m.round() < target) {
      int r = m.round();
      for (int i : others(me, 3)) {
        m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, r, null, Signer.of(keys.get(i))));
      }
      m.onTimeout(new Timeout(TimeoutKind.PRECOMMIT, 1, r));
    }
    assertEquals(target, m.round());
    assertFalse(m.isDecided());
  }

  /** Hands {@code m} the round-0 proposal {@code p} and two others' prevotes: it locks on p. */
  private void lockOn(TendermintMachine m, int me, Proposal p) {
    List<Action> out = new ArrayList<>(m.onProposal(p));
    for (int i : others(me, 2)) {
      out.addAll(m.onVote(Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 1, 0, p.valueId(),
          Signer.of(keys.get(i)))));
    }
    assertEquals(p.valueId(), voteOf(out, VoteType.PRECOMMIT).valueId());
  }

  private Vote precommit(int round, Hash valueId, int validator) {
    return Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 1, round, valueId,
        Signer.of(keys.get(validator)));
  }

  /** The votes of validator {@code me} among {@code actions}' broadcasts. */
  private List<Vote> ownVotes(List<Action> actions, int me) {
    List<Vote> own = new ArrayList<>();
    for (Action a : actions) {
      if (a instanceof Action.Broadcast b && b.message() instanceof Vote v
          && v.validator().equals(keys.get(me).address())) {
        own.add(v);
      }
    }
    return own;
  }

  private static Action.Decide decisionOf(List<Action> actions) {
    return (Action.Decide) actions.stream().filter(a -> a instanceof Action.Decide).findFirst()
        .orElseThrow(() -> new AssertionError("no decision in " + actions));
  }

  private static Vote voteOf(List<Action> actions, VoteType type) {
    for (Action a : actions) {
      if (a instanceof Action.Broadcast b && b.message() instanceof Vote v && v.type() == type) {
        return v;
      }
    }
    throw new AssertionError("no " + type + " broadcast in " + actions);
  }
}
