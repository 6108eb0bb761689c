package org.bcos.ledger.dvs.tally;

import java.util.List;
import java.util.Objects;

/** Shared loop: validates each ballot, sums counted and invalid weight, feeds valid ones on. */
final class Counting {
  /** Receives each valid ballot's weight and content. */
  interface Sink {
    void add(long weight, BallotContent content);
  }

  private long counted;
  private long invalid;

  private Counting() {}

  /** Runs {@code sink} over the valid ballots; returns {counted, invalid}. */
  static long[] run(BallotRules rules, List<WeightedBallot> ballots, BallotMethod expected,
      Sink sink) {
    Objects.requireNonNull(rules, "rules");
    if (rules.method() != expected) {
      throw new IllegalArgumentException("rules are for " + rules.method() + ", not " + expected);
    }
    Counting c = new Counting();
    for (WeightedBallot ballot : ballots) {
      long weight = ballot.weight();
      if (BallotValidator.problem(rules, ballot.content()) != null) {
        c.invalid = Math.addExact(c.invalid, weight);
      } else {
        // every per-option total is bounded by the counted weight, so once this sum is checked
        // the sinks may add weights (not weight products) without their own overflow checks
        c.counted = Math.addExact(c.counted, weight);
        sink.add(weight, ballot.content());
      }
    }
    return new long[] {c.counted, c.invalid};
  }
}
