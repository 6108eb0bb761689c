package org.bcos.consensus.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bcos.consensus.ConsensusMessage;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.types.Hash;

/**
 * The Byzantine validator's network side: it runs an honest machine (so it keeps up with the
 * height) and rewrites what that machine broadcasts, per peer, following its {@link
 * Scenario.Strategy}. It is omniscient (it sees which proposal each peer holds), the strongest
 * adversary a simulation can offer; it signs only with its own key.
 */
final class Adversary {
  /** What the adversary may see of and do to the simulated world. */
  interface World {
    void send(int from, int to, ConsensusMessage m);

    /** The value id of the first proposal {@code peer} holds for (height, round), or null. */
    Hash firstProposalValue(int peer, long height, int round);

    /** The index of the proposer of (height, round). */
    int proposer(long height, int round);
  }

  /**
   * A round's split of the honest peers: {@code left} and the rest, a {@code victim} on the left;
   * in a {@code setup} round of {@link Scenario.Strategy#ROUND_SPLITTER} the adversary tries to
   * get the left group locked and the victim alone to decide, in other rounds it attacks the lock.
   */
  private record Split(boolean[] left, boolean[] lockers, int victim, boolean setup) {}

  private final Scenario.Strategy strategy;
  private final long[] powers;
  private final long totalPower;
  private final int me;
  private final int size;
  private final Signer signer;
  private final String chainId;
  private final SplittableRandom random;
  private final World world;
  private final TreeMap<String, Split> splits = new TreeMap<>();
  private final java.util.TreeSet<String> attacked = new java.util.TreeSet<>();
  long rewritten;

  Adversary(Scenario sc, Signer signer, String chainId, World world) {
    this.strategy = sc.strategy();
    this.powers = sc.powers();
    long total = 0;
    for (long p : powers) total += p;
    this.totalPower = total;
    this.me = sc.byzantine();
    this.size = sc.size();
    this.signer = signer;
    this.chainId = chainId;
    this.random = new SplittableRandom(sc.seed() * 31 + 7);
    this.world = world;
  }

  void broadcast(ConsensusMessage m) {
    switch (m) {
      case Proposal p -> propose(p);
      case Vote v -> vote(v);
    }
  }

  private void propose(Proposal p) {
    if (strategy != Scenario.Strategy.EQUIVOCATING_PROPOSER
        && strategy != Scenario.Strategy.ROUND_SPLITTER) {
      toAll(p);
      return;
    }
    Split s = split(p.height(), p.round());
    if (strategy == Scenario.Strategy.ROUND_SPLITTER && !s.setup) {
      roundStarted(p.height(), p.round());
      return;
    }
    Proposal evil = Proposal.sign(chainId, p.height(), p.round(), evilValue(p.height(), p.round()),
        -1, signer);
    for (int to = 0; to < size; to++) {
      if (to == me) continue;
      send(to, s.left[to] ? p : evil, p);
    }
  }

  /**
   * Called when honest nodes enter (height, round). In an attack round that it proposes, the round
   * splitter does not wait for its own machine (which may have decided already): it offers a fresh
   * value to all, to the left group (likely locked) maybe with a validRound it cannot justify,
   * claiming 2f+1 prevotes after their lock, and at once prevotes and precommits that value.
   */
  void roundStarted(long height, int round) {
    if (strategy != Scenario.Strategy.ROUND_SPLITTER || split(height, round).setup) return;
    if (world.proposer(height, round) != me || !attacked.add(height + "/" + round)) return;
    byte[] w = evilValue(height, round);
    int vr = round > 0 && random.nextBoolean() ? round - 1 : -1;
    Proposal toLeft = Proposal.sign(chainId, height, round, w, vr, signer);
    Proposal toRight = Proposal.sign(chainId, height, round, w, -1, signer);
    Split s = split(height, round);
    Hash id = Proposal.valueId(w);
    Vote prevote = Vote.sign(chainId, org.bcos.consensus.VoteType.PREVOTE, height, round, id, signer);
    Vote precommit =
        Vote.sign(chainId, org.bcos.consensus.VoteType.PRECOMMIT, height, round, id, signer);
    for (int to = 0; to < size; to++) {
      if (to == me) continue;
      rewritten++;
      world.send(me, to, s.left[to] ? toLeft : toRight);
      world.send(me, to, prevote);
      world.send(me, to, precommit);
    }
  }

  private static byte[] evilValue(long height, int round) {
    return ("evil " + height + "/" + round).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Whether the network, colluding with the adversary, delivers this round's proposal to {@code
   * to} only after its propose timeout (so that it prevotes nil while the left group locks).
   */
  boolean delaysProposalTo(int to, long height, int round) {
    if (strategy != Scenario.Strategy.ROUND_SPLITTER || to == me) return false;
    Split s = split(height, round);
    return s.setup && !s.left[to];
  }

  /**
   * Whether the colluding network holds back {@code m} (any copy, gossiped by anyone) from {@code
   * to} for a while: in a setup round, the adversary's own prevote for a value reaches only the left
   * group (so the right group neither sees the polka nor keeps a valid value) and its precommit
   * only the victim (so no one else completes a decision).
   */
  boolean holdsBack(int to, ConsensusMessage m) {
    if (strategy != Scenario.Strategy.ROUND_SPLITTER || to == me) return false;
    if (!(m instanceof Vote v) || v.isNil() || !v.validator().equals(signer.address())) return false;
    Split s = split(v.height(), v.round());
    boolean prevote = v.type() == org.bcos.consensus.VoteType.PREVOTE;
    return s.setup && (prevote ? !s.lockers[to] : to != s.victim);
  }

  private void vote(Vote v) {
    switch (strategy) {
      case EQUIVOCATE_VOTES -> equivocate(v);
      case EQUIVOCATING_PROPOSER -> targetValues(v);
      case TARGETED_PRECOMMITS -> targetPrecommits(v);
      case ROUND_SPLITTER -> splitRounds(v);
    }
  }

  /** Votes for each peer's own value; where all peers hold the same one, plain equivocation. */
  private void targetValues(Vote v) {
    List<Hash> values = new ArrayList<>();
    for (int to = 0; to < size; to++) {
      if (to != me) values.add(valueOf(to, v));
    }
    boolean allSame = true;
    for (Hash h : values) allSame &= java.util.Objects.equals(h, values.get(0));
    if (allSame) {
      equivocate(v);
      return;
    }
    for (int to = 0; to < size; to++) if (to != me) send(to, resign(v, valueOf(to, v)), v);
  }

  /** Its honest vote to the first peer, a conflicting one to the second, either to the rest. */
  private void equivocate(Vote honest) {
    Hash other = honest.isNil() ? evilId(honest) : null;
    Vote evil = resign(honest, other);
    int sent = 0;
    for (int to = 0; to < size; to++) {
      if (to == me) continue;
      boolean lie = sent != 0 && (sent == 1 || random.nextBoolean());
      send(to, lie ? evil : honest, honest);
      sent++;
    }
  }

  /** Precommits for A to the left group, for B to the right; prevotes honest. */
  private void targetPrecommits(Vote v) {
    if (v.type() != org.bcos.consensus.VoteType.PRECOMMIT) {
      toAll(v);
      return;
    }
    List<Hash> known = knownValues(v.height(), v.round());
    Hash a = v.valueId() != null ? v.valueId() : known.isEmpty() ? evilId(v) : known.get(0);
    Hash b = null;
    for (Hash h : known) if (!h.equals(a)) b = h;
    if (b == null && a.equals(v.valueId())) b = evilId(v);
    Split s = split(v.height(), v.round());
    Vote va = resign(v, a);
    Vote vb = resign(v, b);
    for (int to = 0; to < size; to++) if (to != me) send(to, s.left[to] ? va : vb, v);
  }

  /**
   * Setup round: prevotes for their own value to the left group only, a precommit to the victim
   * only. Attack round: votes for each peer's own value (the fresh one, where it was proposed).
   */
  private void splitRounds(Vote v) {
    Split s = split(v.height(), v.round());
    boolean prevote = v.type() == org.bcos.consensus.VoteType.PREVOTE;
    for (int to = 0; to < size; to++) {
      if (to == me) continue;
      boolean supports = !s.setup || (prevote ? s.lockers[to] : to == s.victim);
      send(to, resign(v, supports ? valueOf(to, v) : null), v);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void send(int to, ConsensusMessage m, ConsensusMessage honest) {
    if (!m.equals(honest)) rewritten++;
    world.send(me, to, m);
  }

  private void toAll(ConsensusMessage m) {
    for (int to = 0; to < size; to++) if (to != me) world.send(me, to, m);
  }

  /** The value {@code peer} is working on in the vote's round, else the honest vote's. */
  private Hash valueOf(int peer, Vote v) {
    Hash seen = world.firstProposalValue(peer, v.height(), v.round());
    return seen != null ? seen : v.valueId();
  }

  private List<Hash> knownValues(long height, int round) {
    List<Hash> out = new ArrayList<>();
    for (int peer = 0; peer < size; peer++) {
      Hash h = world.firstProposalValue(peer, height, round);
      if (h != null && !out.contains(h)) out.add(h);
    }
    return out;
  }

  private Vote resign(Vote v, Hash valueId) {
    if (java.util.Objects.equals(valueId, v.valueId())) return v;
    return Vote.sign(chainId, v.type(), v.height(), v.round(), valueId, signer);
  }

  private static Hash evilId(Vote v) {
    return Proposal.valueId(("evil " + v.height() + "/" + v.round())
        .getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A fixed split of the honest peers of a round into two non-empty groups. Where it can, the
   * adversary picks a left group that reaches 2f+1 only with its own power, so that its vote alone
   * decides who sees a quorum. The lockers (who get its prevote) are the whole left group with the
   * lightest member as victim, or only the heaviest one. Even rounds set up, odd rounds attack.
   */
  private Split split(long height, int round) {
    return splits.computeIfAbsent(height + "/" + round, k -> {
      boolean[] best = null;
      for (int attempt = 0; attempt < 20 && best == null; attempt++) {
        boolean[] left = randomLeft();
        long power = 0;
        for (int i = 0; i < size; i++) if (left[i]) power += powers[i];
        boolean pivotal = 3 * power <= 2 * totalPower && 3 * (power + powers[me]) > 2 * totalPower;
        if (pivotal || attempt == 19) best = left;
      }
      boolean all = random.nextBoolean();
      int victim = -1;
      for (int i = 0; i < size; i++) {
        if (best[i] && (victim < 0 || (all ? powers[i] < powers[victim] : powers[i] > powers[victim]))) {
          victim = i;
        }
      }
      boolean[] lockers = all ? best : new boolean[size];
      lockers[victim] = true;
      return new Split(best, lockers, victim, round % 2 == 0);
    });
  }

  private boolean[] randomLeft() {
    List<Integer> peers = new ArrayList<>();
    for (int i = 0; i < size; i++) if (i != me) peers.add(i);
    for (int i = peers.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      peers.set(i, peers.set(j, peers.get(i)));
    }
    int leftCount = 1 + random.nextInt(peers.size() - 1);
    boolean[] left = new boolean[size];
    for (int i = 0; i < leftCount; i++) left[peers.get(i)] = true;
    return left;
  }
}
