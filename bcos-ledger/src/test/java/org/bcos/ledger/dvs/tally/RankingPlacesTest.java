package org.bcos.ledger.dvs.tally;

import static org.bcos.ledger.dvs.tally.Ballots.approve;
import static org.bcos.ledger.dvs.tally.Ballots.ranked;
import static org.bcos.ledger.dvs.tally.Ballots.single;
import static org.bcos.ledger.dvs.tally.Ballots.yesNo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full ranking (places of tied candidates) each method gives beside its winners: ties only
 * where the method's tie-break rules (docs/DVS.md "Ties") leave them, and the first place is
 * always the winners.
 */
class RankingPlacesTest {
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;
  private static final int D = 3;
  private static final int E = 4;

  @Test
  void equalTotalsShareAPlaceAndTheFirstPlaceIsTheWinners() {
    TotalsResult result = SingleChoiceTally.tally(4, List.of(single(2, C), single(2, A),
        single(1, B), single(1, D)));
    assertEquals(List.of(List.of(A, C), List.of(B, D)), result.places());
    assertEquals(List.of(A, C), result.winners());

    TotalsResult approval = ApprovalTally.tally(3, List.of(approve(3, B, C), approve(1, B)));
    assertEquals(List.of(List.of(B), List.of(C), List.of(A)), approval.places());
  }

  @Test
  void nothingCountedIsOnePlaceAndNoWinner() {
    TotalsResult result = SingleChoiceTally.tally(3, List.of());
    assertEquals(List.of(List.of(A, B, C)), result.places());
    assertEquals(List.of(), result.winners());
    IrvResult irv = IrvTally.tally(3, List.of());
    assertEquals(List.of(List.of(A, B, C)), irv.places());
    assertEquals(List.of(List.of(A, B, C)), SchulzeTally.tally(3, List.of()).places());
  }

  /** Wikipedia's 45-voter example: E > A > C > B > D, a strict order, so five places. */
  @Test
  void schulzeWikipediaExampleHasFivePlaces() {
    SchulzeResult result = SchulzeTally.tally(5, ranked(5, "5 ACBED", "5 ADECB", "8 BEDAC",
        "3 CABED", "7 CAEBD", "2 CBADE", "7 DCEBA", "8 EBADC"));
    assertEquals(List.of(List.of(E), List.of(A), List.of(C), List.of(B), List.of(D)),
        result.places());
    // A 5+5, B 8, C 3+7+2, D 7, E 8
    assertEquals(List.of(10L, 8L, 12L, 7L, 8L), result.firstChoices());
  }

  @Test
  void aSchulzeBallotRankingSeveralEqualFirstCountsAsFirstChoiceForEach() {
    SchulzeResult result = SchulzeTally.tally(3, List.of(Ballots.ranks(2, 1, 1, 2),
        Ballots.ranks(1, 0, 0, 1)));
    assertEquals(List.of(2L, 2L, 1L), result.firstChoices());
  }

  /**
   * Schulze's example 4: B and D tie for the win; A and C are each beaten once (by D, by B) and
   * beat nobody, and neither beats the other: they share the second place.
   */
  @Test
  void schulzeTiesAreShownWhereTheRulesLeaveThem() {
    SchulzeResult result = SchulzeTally.tally(4, ranked(4, "3 ABCD", "2 DABC", "2 DBCA",
        "2 CBDA"));
    assertEquals(List.of(List.of(B, D), List.of(A, C)), result.places());
    assertEquals(List.of(B, D), result.winners());
  }

  /**
   * "C" and "A > B": A beats B, A–C and B–C are 1:1. A and C are both unbeaten, so both win
   * (a tie), though A beats one candidate and C none: the winners share the first place.
   */
  @Test
  void schulzeWinnersShareTheFirstPlaceEvenWhenTheyBeatDifferentNumbers() {
    SchulzeResult result = SchulzeTally.tally(3, ranked(3, "1 C", "1 AB"));
    assertEquals(List.of(A, C), result.winners());
    assertEquals(List.of(List.of(A, C), List.of(B)), result.places());
    assertEquals(List.of(A, C, B), result.ranking());
  }

  /**
   * Tennessee capital: Chattanooga out (fewest, 15 to Knoxville), Nashville out (26 to
   * Knoxville), Knoxville wins 58 to 42. Ranking: Knoxville, Memphis, Nashville, Chattanooga.
   */
  @Test
  void irvRoundsSayWhoWasEliminatedWhyAndWhereTheBallotsWent() {
    IrvResult result = IrvTally.tally(4, ranked(4, "42 ABCD", "26 BCDA", "15 CDBA",
        "17 DCBA"));
    assertEquals(List.of(
        new IrvResult.Elimination(C, IrvResult.Reason.FEWEST, List.of(),
            List.of(0L, 0L, 0L, 15L), 0),
        new IrvResult.Elimination(B, IrvResult.Reason.FEWEST, List.of(),
            List.of(0L, 0L, 0L, 26L), 0)), result.eliminations());
    assertEquals(List.of(List.of(D), List.of(A), List.of(B), List.of(C)), result.places());
  }

  /**
   * Truncated ballots: round 1 A4 B3 C2 D2, C and D tie and never differed, so the higher index
   * D goes and its 2 exhaust; round 2 C goes (fewest), its 2 move to B; round 3 B 5 of 9 active.
   * A was still in the count: going on, A (4) goes next, so A is second.
   */
  @Test
  void irvExhaustedBallotsAndIndexTieBreakAreReported() {
    IrvResult result = IrvTally.tally(4, ranked(4, "4 A", "3 B", "2 CB", "2 D"));
    assertEquals(List.of(
        new IrvResult.Elimination(D, IrvResult.Reason.TIED_HIGHEST_INDEX, List.of(C),
            List.of(0L, 0L, 0L, 0L), 2),
        new IrvResult.Elimination(C, IrvResult.Reason.FEWEST, List.of(),
            List.of(0L, 2L, 0L, 0L), 0)), result.eliminations());
    assertEquals(3, result.rounds().size());
    assertEquals(2, result.rounds().get(2).exhaustedWeight());
    assertEquals(List.of(List.of(B), List.of(A), List.of(C), List.of(D)), result.places());
  }

  /**
   * Round 2 B4 C4 tie; B had 3 &lt; 4 in round 1, so B goes, by the earlier round, and its 4
   * (its own 3 and the 1 it got from D) move to C.
   */
  @Test
  void irvEarlierRoundTieBreakIsNamed() {
    IrvResult result = IrvTally.tally(4, ranked(4, "5 A", "3 BC", "4 CA", "1 DBC"));
    IrvResult.Elimination second = result.eliminations().get(1);
    assertEquals(B, second.option());
    assertEquals(IrvResult.Reason.TIED_LESS_EARLIER, second.reason());
    assertEquals(List.of(C), second.tiedWith());
    assertEquals(List.of(0L, 0L, 4L, 0L), second.transfers());
    assertEquals(List.of(List.of(C), List.of(A), List.of(B), List.of(D)), result.places());
  }

  @Test
  void yesNoChoicesAreRankedByWeightWithTiesShared() {
    YesNoResult result = YesNoTally.tally(YesNoParams.simpleMajority(0), List.of(
        yesNo(3, BallotContent.Choice.NO), yesNo(3, BallotContent.Choice.YES),
        yesNo(1, BallotContent.Choice.ABSTAIN)));
    assertEquals(List.of(List.of(0, 1), List.of(2), List.of(3)), result.places());
  }
}
