package org.bcos.ledger.dvs.tally;

import java.util.Objects;

/**
 * One counted ballot: its content and the weight it carries (1 for a member, shares in a weighted
 * electorate, plus any weight delegated to the voter). Weight is at least 1.
 */
public record WeightedBallot(long weight, BallotContent content) {
  public WeightedBallot {
    if (weight < 1) throw new IllegalArgumentException("weight must be >= 1: " + weight);
    Objects.requireNonNull(content, "content");
  }
}
