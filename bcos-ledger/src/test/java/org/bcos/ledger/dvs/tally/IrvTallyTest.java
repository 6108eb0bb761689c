package org.bcos.ledger.dvs.tally;

import static org.bcos.ledger.dvs.tally.Ballots.ranked;
import static org.bcos.ledger.dvs.tally.Ballots.ranks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IrvTallyTest {
  private static final int MEMPHIS = 0;
  private static final int NASHVILLE = 1;
  private static final int CHATTANOOGA = 2;
  private static final int KNOXVILLE = 3;

  /**
   * Wikipedia "Instant-runoff voting", Tennessee capital: Memphis 42 (M>N>C>K), Nashville 26
   * (N>C>K>M), Chattanooga 15 (C>K>N>M), Knoxville 17 (K>C>N>M). Round 1 M42 N26 C15 K17:
   * Chattanooga out, its 15 go to Knoxville. Round 2 M42 N26 K32: Nashville out, its 26 skip
   * Chattanooga and go to Knoxville. Round 3 M42 K58: Knoxville wins (Memphis would win
   * plurality, Nashville is the Condorcet winner).
   */
  @Test
  void tennesseeCapitalElectsKnoxville() {
    IrvResult result = IrvTally.tally(4, ranked(4, "42 ABCD", "26 BCDA", "15 CDBA", "17 DCBA"));

    assertEquals(OptionalInt.of(KNOXVILLE), result.winner());
    assertEquals(3, result.rounds().size());
    assertEquals(new IrvResult.Round(List.of(42L, 26L, 15L, 17L), 0, CHATTANOOGA),
        result.rounds().get(0));
    assertEquals(new IrvResult.Round(List.of(42L, 26L, 0L, 32L), 0, NASHVILLE),
        result.rounds().get(1));
    assertEquals(new IrvResult.Round(List.of(42L, 0L, 0L, 58L), 0, -1), result.rounds().get(2));
    assertEquals(100, result.countedWeight());
    assertEquals(MEMPHIS, SingleChoiceTally.tally(4, List.of(Ballots.single(42, 0),
        Ballots.single(26, 1), Ballots.single(15, 2), Ballots.single(17, 3))).soleWinner());
  }

  /**
   * Truncated ballots exhaust: A 4, B 3 (B only), C 2 (C > B), D 2 (D only). Round 1 A4 B3 C2 D2:
   * C and D tie at 2 with no earlier round, the higher index (D) goes; its 2 exhaust. Round 2
   * A4 B3 C2, active 9: C out, its 2 go to B. Round 3 A4 B5 exhausted 2: B has 5 of 9 active > half.
   */
  @Test
  void truncatedBallotsExhaustAndMajorityIsOfContinuingWeight() {
    IrvResult result = IrvTally.tally(4, ranked(4, "4 A", "3 B", "2 CB", "2 D"));

    assertEquals(OptionalInt.of(1), result.winner());
    assertEquals(List.of(3, 2, -1),
        result.rounds().stream().map(IrvResult.Round::eliminated).toList());
    assertEquals(2, result.rounds().get(1).exhaustedWeight());
    assertEquals(List.of(4L, 5L, 0L, 0L), result.rounds().get(2).totals());
  }

  @Test
  void exhaustedWeightLeavesTheMajorityBase() {
    // A3 B2 C2, active 7: no majority; C out (tie with B, higher index), its 2 exhaust.
    // Round 2: A3 B2, active 5: A has 3 of 5 although only 3 of the 7 counted.
    IrvResult result = IrvTally.tally(3, ranked(3, "3 A", "2 B", "2 C"));
    assertEquals(OptionalInt.of(0), result.winner());
    assertEquals(new IrvResult.Round(List.of(3L, 2L, 0L), 2, -1), result.rounds().get(1));
  }

  /**
   * Backwards tie-break: round 1 A5 B3 C4 D1 → D out (its 1 to B). Round 2 A5 B4 C4: B and C tie;
   * in round 1 B had 3 &lt; C's 4, so B goes (not C, though C has the higher index). B's ballots go
   * to C: round 3 A5 C8.
   */
  @Test
  void eliminationTieIsBrokenByEarlierRounds() {
    IrvResult result = IrvTally.tally(4, ranked(4, "5 A", "3 BC", "4 CA", "1 DBC"));
    assertEquals(List.of(3, 1, -1),
        result.rounds().stream().map(IrvResult.Round::eliminated).toList());
    assertEquals(OptionalInt.of(2), result.winner());
  }

  @Test
  void tiedAllTheWayEliminatesHighestIndexFirst() {
    IrvResult result = IrvTally.tally(3, ranked(3, "2 A", "2 B", "2 C"));
    assertEquals(List.of(2, 1, -1),
        result.rounds().stream().map(IrvResult.Round::eliminated).toList());
    assertEquals(OptionalInt.of(0), result.winner());
  }

  @Test
  void equalRanksAreInvalidForIrvButUnrankedOptionsAreFine() {
    IrvResult result = IrvTally.tally(3, List.of(ranks(4, 1, 1, 2), ranks(3, 0, 1, 0)));
    assertEquals(4, result.invalidWeight());
    assertEquals(OptionalInt.of(1), result.winner());
    assertEquals(BallotProblem.DUPLICATE_RANK, BallotValidator.validate(BallotRules.irv(3),
        new BallotContent.Ranking(new int[] {1, 1, 2})).orElseThrow());
  }

  @Test
  void noValidBallotsMeansNoWinner() {
    IrvResult result = IrvTally.tally(3, List.of(ranks(4, 0, 0, 0)));
    assertEquals(OptionalInt.empty(), result.winner());
    assertEquals(4, result.invalidWeight());
    assertEquals(List.of(), result.rounds());
  }
}
