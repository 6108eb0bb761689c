package org.bcos.ledger.dvs.tally;

import static org.bcos.ledger.dvs.tally.Ballots.approve;
import static org.bcos.ledger.dvs.tally.Ballots.quadratic;
import static org.bcos.ledger.dvs.tally.Ballots.scores;
import static org.bcos.ledger.dvs.tally.Ballots.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plurality, approval, score and quadratic counts with hand-computed totals. */
class TotalsTallyTest {

  @Test
  void pluralityElectsMostWeightAndReportsTies() {
    TotalsResult result = SingleChoiceTally.tally(3, List.of(single(5, 0), single(3, 1),
        single(4, 1), single(1, 2)));
    assertEquals(List.of(5L, 7L, 1L), result.totals());
    assertEquals(List.of(1), result.winners());
    assertEquals(List.of(1, 0, 2), result.ranking());
    assertEquals(13, result.countedWeight());

    TotalsResult tie = SingleChoiceTally.tally(3, List.of(single(2, 2), single(2, 0)));
    assertEquals(List.of(0, 2), tie.winners());
    assertEquals(-1, tie.soleWinner());
    assertEquals(List.of(0, 2, 1), tie.ranking());
  }

  /**
   * Approval, 4 options: 3 voters approve {A, B}, 2 approve {B, C}, 4 approve {D}, 1 approves
   * {A, C, D}. A = 3 + 1 = 4, B = 3 + 2 = 5, C = 2 + 1 = 3, D = 4 + 1 = 5: B and D tie.
   */
  @Test
  void approvalCountsFullWeightForEveryApprovedOption() {
    TotalsResult result = ApprovalTally.tally(4, List.of(approve(3, 0, 1), approve(2, 2, 1),
        approve(4, 3), approve(1, 3, 0, 2)));
    assertEquals(List.of(4L, 5L, 3L, 5L), result.totals());
    assertEquals(List.of(1, 3), result.winners());
    assertEquals(List.of(1, 3, 0, 2), result.ranking());
    assertEquals(10, result.countedWeight());
  }

  @Test
  void approvalRejectsDuplicatesAndEmptyBallots() {
    TotalsResult result = ApprovalTally.tally(3, List.of(approve(2, 1, 1), approve(5),
        approve(1, 0, 3), approve(1, 2)));
    assertEquals(List.of(0L, 0L, 1L), result.totals());
    assertEquals(8, result.invalidWeight());
    assertEquals(1, result.countedWeight());
  }

  /** Score 0..5: weight 2 gives (5, 3, 0), weight 3 gives (1, 4, 5): A 13, B 18, C 15. */
  @Test
  void scoreSumsWeightTimesScore() {
    TotalsResult result = ScoreTally.tally(3, 5, List.of(scores(2, 5, 3, 0),
        scores(3, 1, 4, 5), scores(9, 1, 6, 0)));
    assertEquals(List.of(13L, 18L, 15L), result.totals());
    assertEquals(List.of(1), result.winners());
    assertEquals(9, result.invalidWeight()); // score 6 > max 5
  }

  /**
   * Quadratic, 100 voice credits, votes against allowed. Ballot 1 (weight 1): (6, 8, 0) costs
   * 36 + 64 = 100, exactly the budget. Ballot 2 (weight 2): (0, -5, 5) costs 50. Ballot 3
   * (weight 1): (7, 8, 0) costs 113 > 100, rejected. Totals: A 6, B 8 - 10 = -2, C 10.
   */
  @Test
  void quadraticCostIsSumOfSquaresAndOverBudgetIsRejected() {
    BallotRules rules = BallotRules.quadratic(3, 100, true);
    TotalsResult result = QuadraticTally.tally(rules, List.of(quadratic(1, 6, 8, 0),
        quadratic(2, 0, -5, 5), quadratic(1, 7, 8, 0)));
    assertEquals(List.of(6L, -2L, 10L), result.totals());
    assertEquals(List.of(2), result.winners());
    assertEquals(3, result.countedWeight());
    assertEquals(1, result.invalidWeight());
    assertEquals(100, BallotValidator.quadraticCost(new long[] {6, 8, 0}));
    assertEquals(BallotProblem.OVER_BUDGET, BallotValidator.validate(rules,
        new BallotContent.Quadratic(new long[] {7, 8, 0})).orElseThrow());
    assertEquals(BallotProblem.OVER_BUDGET, BallotValidator.validate(rules,
        new BallotContent.Quadratic(new long[] {Long.MIN_VALUE, 0, 0})).orElseThrow());
  }

  @Test
  void quadraticVotesAgainstNeedPermission() {
    BallotRules rules = BallotRules.quadratic(2, 100, false);
    assertEquals(BallotProblem.NEGATIVE_VOTE, BallotValidator.validate(rules,
        new BallotContent.Quadratic(new long[] {-1, 2})).orElseThrow());
  }

  @Test
  void weightedTotalsOverflowCrashesInsteadOfWrapping() {
    List<WeightedBallot> ballots = List.of(scores(Long.MAX_VALUE / 2, 3));
    assertThrows(ArithmeticException.class, () -> ScoreTally.tally(1, 5, ballots));
    assertThrows(ArithmeticException.class, () -> SingleChoiceTally.tally(1,
        List.of(single(Long.MAX_VALUE, 0), single(1, 0))));
    // the largest weight that fits is counted exactly
    assertEquals(List.of(Long.MAX_VALUE), SingleChoiceTally.tally(1,
        List.of(single(Long.MAX_VALUE - 1, 0), single(1, 0))).totals());
  }

  @Test
  void rulesForAnotherMethodAreABug() {
    assertThrows(IllegalArgumentException.class,
        () -> ApprovalTally.tally(BallotRules.singleChoice(2), List.of()));
  }
}
