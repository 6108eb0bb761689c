package org.bcos.ledger.dvs.tally;

import java.util.List;

/**
 * Score (range) voting: each option's total is the sum of weight × score over valid ballots
 * (checked arithmetic). The highest total wins; ties are reported, not broken.
 */
public final class ScoreTally {
  private ScoreTally() {}

  public static TotalsResult tally(BallotRules rules, List<WeightedBallot> ballots) {
    long[] totals = new long[rules.optionCount()];
    long[] weights = Counting.run(rules, ballots, BallotMethod.SCORE, (w, c) -> {
      int[] scores = ((BallotContent.Scores) c).raw();
      for (int i = 0; i < scores.length; i++) {
        totals[i] = Math.addExact(totals[i], Math.multiplyExact(w, scores[i]));
      }
    });
    return TotalsResult.of(totals, weights[0], weights[1]);
  }

  public static TotalsResult tally(int optionCount, int maxScore, List<WeightedBallot> ballots) {
    return tally(BallotRules.score(optionCount, maxScore), ballots);
  }
}
