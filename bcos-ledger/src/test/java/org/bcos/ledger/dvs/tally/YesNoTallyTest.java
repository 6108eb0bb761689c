package org.bcos.ledger.dvs.tally;

import static org.bcos.ledger.dvs.tally.Ballots.yesNo;
import static org.bcos.ledger.dvs.tally.BallotContent.Choice.ABSTAIN;
import static org.bcos.ledger.dvs.tally.BallotContent.Choice.NO;
import static org.bcos.ledger.dvs.tally.BallotContent.Choice.NO_WITH_VETO;
import static org.bcos.ledger.dvs.tally.BallotContent.Choice.YES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.tally.YesNoResult.Outcome;
import org.junit.jupiter.api.Test;

class YesNoTallyTest {
  /** Cosmos gov defaults: quorum 33.4 % of 1000, threshold > 1/2, veto > 1/3. */
  private static final YesNoParams COSMOS = new YesNoParams(
      YesNoParams.quorumFromBasisPoints(1000, 3340), Ratio.HALF, false,
      Optional.of(new Ratio(1, 3)));

  @Test
  void quorumFromBasisPointsRoundsUp() {
    assertEquals(334, YesNoParams.quorumFromBasisPoints(1000, 3340));
    assertEquals(1, YesNoParams.quorumFromBasisPoints(1, 1));
    assertEquals(0, YesNoParams.quorumFromBasisPoints(0, 5000));
    assertEquals(Long.MAX_VALUE, YesNoParams.quorumFromBasisPoints(Long.MAX_VALUE, 10_000));
    assertEquals(Long.MAX_VALUE / 2 + 1, YesNoParams.quorumFromBasisPoints(Long.MAX_VALUE, 5000));
  }

  @Test
  void turnoutBelowQuorumIsQuorumNotMetEvenIfAllSayYes() {
    YesNoResult result = YesNoTally.tally(COSMOS, List.of(yesNo(333, YES)));
    assertEquals(Outcome.QUORUM_NOT_MET, result.outcome());
    assertEquals(333, result.countedWeight());
  }

  @Test
  void abstentionsCountForQuorumOnly() {
    // 300 abstain + 34 yes = 334 = quorum; decisive weight 34, all yes
    YesNoResult result = YesNoTally.tally(COSMOS, List.of(yesNo(300, ABSTAIN), yesNo(34, YES)));
    assertEquals(Outcome.PASSED, result.outcome());
    assertEquals(Outcome.REJECTED,
        YesNoTally.tally(COSMOS, List.of(yesNo(400, ABSTAIN))).outcome());
  }

  @Test
  void exactlyAtTheThresholdFailsUnlessPassAtThreshold() {
    // yes 200, no 100: yes share exactly 2/3
    List<WeightedBallot> ballots = List.of(yesNo(200, YES), yesNo(100, NO));
    Ratio twoThirds = new Ratio(2, 3);
    YesNoParams strict = new YesNoParams(0, twoThirds, false, Optional.empty());
    YesNoParams atLeast = new YesNoParams(0, twoThirds, true, Optional.empty());
    assertEquals(Outcome.REJECTED, YesNoTally.tally(strict, ballots).outcome());
    assertEquals(Outcome.PASSED, YesNoTally.tally(atLeast, ballots).outcome());
    // one more yes tips the strict rule; one more no fails both
    assertEquals(Outcome.PASSED, YesNoTally.tally(strict,
        List.of(yesNo(201, YES), yesNo(100, NO))).outcome());
    assertEquals(Outcome.REJECTED, YesNoTally.tally(atLeast,
        List.of(yesNo(200, YES), yesNo(101, NO))).outcome());
  }

  @Test
  void halfYesIsNotAMajority() {
    YesNoParams params = YesNoParams.simpleMajority(0);
    assertEquals(Outcome.REJECTED,
        YesNoTally.tally(params, List.of(yesNo(5, YES), yesNo(5, NO))).outcome());
    assertEquals(Outcome.PASSED,
        YesNoTally.tally(params, List.of(yesNo(6, YES), yesNo(5, NO))).outcome());
  }

  @Test
  void vetoAboveOneThirdOfTurnoutVetoesDespiteYesMajority() {
    // turnout 600: veto 201 > 200 = 1/3 → vetoed; veto 200 exactly is not
    YesNoResult vetoed = YesNoTally.tally(COSMOS, List.of(yesNo(399, YES),
        yesNo(201, NO_WITH_VETO)));
    assertEquals(Outcome.VETOED, vetoed.outcome());
    assertEquals(201, vetoed.noWithVeto());
    assertEquals(600, vetoed.decisiveWeight());
    assertEquals(Outcome.PASSED, YesNoTally.tally(COSMOS, List.of(yesNo(400, YES),
        yesNo(200, NO_WITH_VETO))).outcome());
  }

  @Test
  void noWithVetoIsAPlainNoWithoutVetoShare() {
    YesNoResult result = YesNoTally.tally(YesNoParams.simpleMajority(0),
        List.of(yesNo(4, YES), yesNo(5, NO_WITH_VETO)));
    assertEquals(Outcome.REJECTED, result.outcome());
  }

  @Test
  void invalidBallotsDoNotCountForQuorum() {
    YesNoResult result = YesNoTally.tally(COSMOS, List.of(yesNo(300, YES),
        Ballots.single(100, 0)));
    assertEquals(Outcome.QUORUM_NOT_MET, result.outcome());
    assertEquals(100, result.invalidWeight());
  }

  @Test
  void ratioComparesHugeProductsExactly() {
    Ratio third = new Ratio(1, 3);
    long whole = Long.MAX_VALUE - 1; // divisible by 3
    assertEquals(false, third.isExceededBy(whole / 3, whole));
    assertEquals(true, third.isReachedBy(whole / 3, whole));
    assertEquals(true, third.isExceededBy(whole / 3 + 1, whole));
    assertEquals(true, new Ratio(Long.MAX_VALUE - 1, Long.MAX_VALUE)
        .isExceededBy(Long.MAX_VALUE, Long.MAX_VALUE));
  }
}
