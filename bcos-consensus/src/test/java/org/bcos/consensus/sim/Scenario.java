package org.bcos.consensus.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The faults of one simulated run, all drawn from the seed. Rates are per mille (integers, so a
 * replay is exact on every JVM). Every network fault ends by {@code healAtMillis}; the Byzantine
 * validator (less than 1/3 of the power) misbehaves throughout with its {@link Strategy}.
 *
 * <p>Besides random drops, delays and duplicates, two faults aim at the interleavings that locking
 * exists for: a proposal may reach a peer only after its propose timeout (so some nodes prevote nil
 * while others lock), and the first node to decide a height may go quiet for a while (so the others
 * continue in later rounds without learning the decision, with some of them locked).
 */
public record Scenario(
    long seed,
    long[] powers,
    int byzantine,
    Strategy strategy,
    long healAtMillis,
    int dropPerMille,
    int duplicatePerMille,
    int longDelayPerMille,
    int lateProposalPerMille,
    int quietDeciderPerMille,
    long partitionFromMillis,
    long partitionToMillis,
    int partitionMask,
    int crashNode,
    long crashAtMillis,
    long restartAtMillis) {

  /** How the Byzantine validator misbehaves. */
  public enum Strategy {
    /** Its honest vote to some peers, a conflicting signed vote (nil ↔ a value) to the others. */
    EQUIVOCATE_VOTES,
    /** As proposer, different values to two halves of the peers; votes for each peer's value. */
    EQUIVOCATING_PROPOSER,
    /** Honest prevotes; precommits for value A to some peers and B to the others. */
    TARGETED_PRECOMMITS,
    /**
     * Splits honest nodes across rounds, with a colluding network. In a setup round the proposal
     * reaches one group late, it prevotes for the value to the other group only (so only that
     * group locks) and precommits to a single victim only (so it alone decides, and then goes
     * quiet). In other rounds, as proposer, it offers a fresh value, to the possibly locked group
     * with a validRound it cannot justify, and votes for whatever each peer holds.
     */
    ROUND_SPLITTER
  }

  static Scenario fromSeed(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 4 + r.nextInt(4);
    long[] powers = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      powers[i] = 1 + r.nextInt(5);
      total += powers[i];
    }
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < n; i++) if (3 * powers[i] < total) eligible.add(i);
    if (eligible.isEmpty()) throw new IllegalStateException("no validator below 1/3");
    int byz = eligible.get(r.nextInt(eligible.size()));
    if (r.nextBoolean()) {
      // as strong as allowed: the largest power still below 1/3 of the total
      long others = total - powers[byz];
      powers[byz] = Math.max(1, (others - 1) / 2);
      total = others + powers[byz];
    }
    Strategy strategy = Strategy.values()[r.nextInt(Strategy.values().length)];
    long heal = 5_000 + r.nextInt(25_000);
    long pFrom = -1;
    long pTo = -1;
    int mask = 0;
    if (r.nextBoolean()) {
      pFrom = r.nextLong(heal);
      pTo = pFrom + r.nextLong(heal - pFrom + 1);
      mask = 1 + r.nextInt((1 << n) - 2);
    }
    int crash = -1;
    long crashAt = -1;
    long restartAt = -1;
    if (r.nextInt(10) < 6) {
      crash = r.nextInt(n);
      if (crash == byz) crash = (crash + 1) % n;
      crashAt = r.nextLong(heal);
      restartAt = crashAt + r.nextLong(heal - crashAt + 1);
    }
    int drop = r.nextInt(300);
    int dup = r.nextInt(100);
    int longDelay = r.nextInt(200);
    int lateProposal = r.nextBoolean() ? r.nextInt(500) : 0;
    int quietDecider = r.nextBoolean() ? 500 + r.nextInt(501) : 0;
    if (strategy == Strategy.ROUND_SPLITTER) quietDecider = 1000;
    return new Scenario(seed, powers, byz, strategy, heal, drop, dup, longDelay, lateProposal,
        quietDecider, pFrom, pTo, mask, crash, crashAt, restartAt);
  }

  int size() {
    return powers.length;
  }

  boolean partitioned(int a, int b, long now) {
    if (now < partitionFromMillis || now >= partitionToMillis) return false;
    return ((partitionMask >> a) & 1) != ((partitionMask >> b) & 1);
  }

  @Override
  public String toString() {
    return "seed=" + seed + " n=" + size() + " powers=" + java.util.Arrays.toString(powers)
        + " byz=" + byzantine + "/" + strategy + " heal=" + healAtMillis + "ms drop="
        + dropPerMille + "‰ dup=" + duplicatePerMille + "‰ longDelay=" + longDelayPerMille
        + "‰ lateProposal=" + lateProposalPerMille + "‰ quietDecider=" + quietDeciderPerMille
        + "‰ partition="
        + (partitionMask == 0 ? "none" : partitionFromMillis + ".." + partitionToMillis + " mask="
            + Integer.toBinaryString(partitionMask))
        + " crash=" + (crashNode < 0 ? "none" : crashNode + "@" + crashAtMillis + ".." + restartAtMillis);
  }
}
