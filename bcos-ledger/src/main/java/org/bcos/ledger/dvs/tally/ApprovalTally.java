package org.bcos.ledger.dvs.tally;

import java.util.List;

/**
 * Approval voting: each valid ballot adds its full weight to every option it approves. The
 * winners are the most approved options; ties are reported, not broken.
 */
public final class ApprovalTally {
  private ApprovalTally() {}

  public static TotalsResult tally(BallotRules rules, List<WeightedBallot> ballots) {
    long[] totals = new long[rules.optionCount()];
    long[] weights = Counting.run(rules, ballots, BallotMethod.APPROVAL, (w, c) -> {
      for (int option : ((BallotContent.Approval) c).raw()) totals[option] += w;
    });
    return TotalsResult.of(totals, weights[0], weights[1]);
  }

  public static TotalsResult tally(int optionCount, List<WeightedBallot> ballots) {
    return tally(BallotRules.approval(optionCount), ballots);
  }
}
