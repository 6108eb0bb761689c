package org.bcos.ledger.dvs.tally;

import java.util.List;

/** Plurality: each valid ballot adds its weight to its one option. Ties are reported. */
public final class SingleChoiceTally {
  private SingleChoiceTally() {}

  public static TotalsResult tally(BallotRules rules, List<WeightedBallot> ballots) {
    long[] totals = new long[rules.optionCount()];
    long[] weights = Counting.run(rules, ballots, BallotMethod.SINGLE_CHOICE,
        (w, c) -> totals[((BallotContent.SingleChoice) c).option()] += w);
    return TotalsResult.of(totals, weights[0], weights[1]);
  }

  public static TotalsResult tally(int optionCount, List<WeightedBallot> ballots) {
    return tally(BallotRules.singleChoice(optionCount), ballots);
  }
}
