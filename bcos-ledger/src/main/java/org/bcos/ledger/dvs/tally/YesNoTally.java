package org.bcos.ledger.dvs.tally;

import java.util.List;

/**
 * Yes/no/abstain with quorum, threshold and optional veto, in the order of Cosmos gov:
 * <ol>
 *   <li>turnout (all valid ballots, abstentions included) below {@code quorumWeight} →
 *       {@code QUORUM_NOT_MET};
 *   <li>with a veto share, no-with-veto weight · den &gt; num · turnout → {@code VETOED};
 *   <li>no decisive weight (everyone abstained) → {@code REJECTED};
 *   <li>yes · den &gt; num · (yes + no + no-with-veto) (or ≥ with {@code passAtThreshold}) →
 *       {@code PASSED}, else {@code REJECTED}.
 * </ol>
 */
public final class YesNoTally {
  private YesNoTally() {}

  public static YesNoResult tally(YesNoParams params, List<WeightedBallot> ballots) {
    long[] byChoice = new long[BallotContent.Choice.values().length];
    long[] weights = Counting.run(BallotRules.yesNoAbstain(), ballots,
        BallotMethod.YES_NO_ABSTAIN,
        (w, c) -> byChoice[((BallotContent.YesNoAbstain) c).choice().ordinal()] += w);
    long yes = byChoice[BallotContent.Choice.YES.ordinal()];
    long no = byChoice[BallotContent.Choice.NO.ordinal()];
    long veto = byChoice[BallotContent.Choice.NO_WITH_VETO.ordinal()];
    long abstain = byChoice[BallotContent.Choice.ABSTAIN.ordinal()];
    long turnout = weights[0];
    return new YesNoResult(yes, no, veto, abstain, turnout, weights[1],
        outcome(params, yes, no + veto, veto, turnout));
  }

  private static YesNoResult.Outcome outcome(YesNoParams params, long yes, long allNo, long veto,
      long turnout) {
    if (turnout < params.quorumWeight()) return YesNoResult.Outcome.QUORUM_NOT_MET;
    if (params.vetoShare().isPresent() && params.vetoShare().get().isExceededBy(veto, turnout)) {
      return YesNoResult.Outcome.VETOED;
    }
    long decisive = yes + allNo;
    if (decisive == 0) return YesNoResult.Outcome.REJECTED;
    Ratio threshold = params.threshold();
    boolean passes = params.passAtThreshold()
        ? threshold.isReachedBy(yes, decisive)
        : threshold.isExceededBy(yes, decisive);
    return passes ? YesNoResult.Outcome.PASSED : YesNoResult.Outcome.REJECTED;
  }
}
