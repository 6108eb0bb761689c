package org.bcos.ledger.dvs.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each {@link BallotProblem} is named for the ballot that causes it. */
class BallotValidatorTest {
  private static Optional<BallotProblem> check(BallotRules rules, BallotContent content) {
    return BallotValidator.validate(rules, content);
  }

  private static void assertProblem(BallotProblem expected, BallotRules rules,
      BallotContent content) {
    assertEquals(Optional.of(expected), check(rules, content),
        () -> String.valueOf(content));
  }

  @Test
  void validBallotsHaveNoProblem() {
    assertEquals(Optional.empty(), check(BallotRules.singleChoice(3),
        new BallotContent.SingleChoice(2)));
    assertEquals(Optional.empty(), check(BallotRules.approval(3),
        new BallotContent.Approval(new int[] {2, 0})));
    assertEquals(Optional.empty(), check(BallotRules.schulze(3, false),
        new BallotContent.Ranking(new int[] {3, 3, 0})));
    assertEquals(Optional.empty(), check(BallotRules.schulze(3, true),
        new BallotContent.Ranking(new int[] {1, 0, 2, 4})));
    assertEquals(Optional.empty(), check(BallotRules.irv(3),
        new BallotContent.Ranking(new int[] {2, 0, 7 - 4})));
    assertEquals(Optional.empty(), check(BallotRules.score(2, 10),
        new BallotContent.Scores(new int[] {0, 10})));
    assertEquals(Optional.empty(), check(BallotRules.quadratic(2, 25, true),
        new BallotContent.Quadratic(new long[] {-3, 4})));
  }

  @Test
  void eachProblemIsNamed() {
    assertProblem(BallotProblem.MISSING_CONTENT, BallotRules.approval(2), null);
    assertProblem(BallotProblem.WRONG_METHOD, BallotRules.approval(2),
        new BallotContent.SingleChoice(0));
    assertProblem(BallotProblem.WRONG_METHOD, BallotRules.yesNoAbstain(),
        new BallotContent.Ranking(new int[] {1}));
    assertProblem(BallotProblem.OPTION_OUT_OF_RANGE, BallotRules.singleChoice(2),
        new BallotContent.SingleChoice(2));
    assertProblem(BallotProblem.OPTION_OUT_OF_RANGE, BallotRules.approval(2),
        new BallotContent.Approval(new int[] {-1}));
    assertProblem(BallotProblem.DUPLICATE_OPTION, BallotRules.approval(3),
        new BallotContent.Approval(new int[] {1, 2, 1}));
    assertProblem(BallotProblem.DUPLICATE_OPTION, BallotRules.approval(2),
        new BallotContent.Approval(new int[] {1, 0, 1}));
    assertProblem(BallotProblem.EMPTY_BALLOT, BallotRules.approval(2),
        new BallotContent.Approval(new int[0]));
    assertProblem(BallotProblem.WRONG_LENGTH, BallotRules.schulze(3, false),
        new BallotContent.Ranking(new int[] {1, 2, 3, 4}));
    assertProblem(BallotProblem.WRONG_LENGTH, BallotRules.irv(3),
        new BallotContent.Ranking(new int[] {1, 2}));
    assertProblem(BallotProblem.RANK_OUT_OF_RANGE, BallotRules.schulze(3, false),
        new BallotContent.Ranking(new int[] {1, 4, 0}));
    assertProblem(BallotProblem.RANK_OUT_OF_RANGE, BallotRules.schulze(3, false),
        new BallotContent.Ranking(new int[] {1, -1, 0}));
    assertProblem(BallotProblem.DUPLICATE_RANK, BallotRules.irv(3),
        new BallotContent.Ranking(new int[] {2, 2, 1}));
    assertProblem(BallotProblem.EMPTY_BALLOT, BallotRules.schulze(2, true),
        new BallotContent.Ranking(new int[] {0, 0, 0}));
    assertProblem(BallotProblem.SCORE_OUT_OF_RANGE, BallotRules.score(2, 5),
        new BallotContent.Scores(new int[] {6, 0}));
    assertProblem(BallotProblem.WRONG_LENGTH, BallotRules.score(2, 5),
        new BallotContent.Scores(new int[] {1}));
    assertProblem(BallotProblem.NEGATIVE_VOTE, BallotRules.quadratic(2, 9, false),
        new BallotContent.Quadratic(new long[] {-1, 0}));
    assertProblem(BallotProblem.OVER_BUDGET, BallotRules.quadratic(2, 24, true),
        new BallotContent.Quadratic(new long[] {-3, 4}));
    assertProblem(BallotProblem.OVER_BUDGET, BallotRules.quadratic(2, Long.MAX_VALUE, true),
        new BallotContent.Quadratic(new long[] {3_037_000_499L, 3_037_000_499L}));
    assertProblem(BallotProblem.EMPTY_BALLOT, BallotRules.quadratic(2, 9, false),
        new BallotContent.Quadratic(new long[] {0, 0}));
  }

  @Test
  void contentsCompareByValueAndAreImmutable() {
    int[] ranks = {1, 2};
    BallotContent.Ranking ranking = new BallotContent.Ranking(ranks);
    ranks[0] = 9;
    ranking.ranks()[1] = 9;
    assertEquals(new BallotContent.Ranking(new int[] {1, 2}), ranking);
    assertEquals(new BallotContent.Approval(new int[] {1}).hashCode(),
        new BallotContent.Approval(new int[] {1}).hashCode());
  }

  @Test
  void badRulesAndWeightsAreBugs() {
    assertThrows(IllegalArgumentException.class, () -> BallotRules.approval(0));
    assertThrows(IllegalArgumentException.class,
        () -> BallotRules.approval(BallotRules.MAX_OPTIONS + 1));
    assertThrows(IllegalArgumentException.class, () -> BallotRules.score(2, 0));
    assertThrows(IllegalArgumentException.class, () -> BallotRules.quadratic(2, 0, false));
    assertThrows(IllegalArgumentException.class,
        () -> new WeightedBallot(0, new BallotContent.SingleChoice(0)));
    assertThrows(IllegalArgumentException.class, () -> new Ratio(2, 1));
  }
}
