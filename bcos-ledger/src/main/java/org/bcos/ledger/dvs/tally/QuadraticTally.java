package org.bcos.ledger.dvs.tally;

import java.util.List;

/**
 * Quadratic voting: a ballot casts {@code votes[i]} votes on option {@code i} and pays
 * {@code Σ votes[i]²} voice credits, which must not exceed the budget (else the ballot is
 * {@link BallotProblem#OVER_BUDGET}). Each option's total is the sum of weight × votes over valid
 * ballots (net of votes against when the issue allows them). The highest total wins; ties are
 * reported, not broken.
 */
public final class QuadraticTally {
  private QuadraticTally() {}

  public static TotalsResult tally(BallotRules rules, List<WeightedBallot> ballots) {
    long[] totals = new long[rules.optionCount()];
    long[] weights = Counting.run(rules, ballots, BallotMethod.QUADRATIC, (w, c) -> {
      long[] votes = ((BallotContent.Quadratic) c).raw();
      for (int i = 0; i < votes.length; i++) {
        totals[i] = Math.addExact(totals[i], Math.multiplyExact(w, votes[i]));
      }
    });
    return TotalsResult.of(totals, weights[0], weights[1]);
  }
}
