package org.bcos.ledger.dvs.tally;

import static org.bcos.ledger.dvs.tally.Ballots.matrix;
import static org.bcos.ledger.dvs.tally.Ballots.ranked;
import static org.bcos.ledger.dvs.tally.Ballots.ranks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schulze against published worked examples: Wikipedia's "Schulze method" page and Markus
 * Schulze, "A new monotonic, clone-independent, reversal symmetric, and Condorcet-consistent
 * single-winner election method" (Social Choice and Welfare 36, 2011; section 3 examples).
 * Candidates A, B, C, ... are option indexes 0, 1, 2, ...
 */
class SchulzeTallyTest {
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;
  private static final int D = 3;
  private static final int E = 4;

  /**
   * Wikipedia / Schulze's example 1: 45 voters, 5 candidates. d and p as published; E is the only
   * potential winner and the ranking is E > A > C > B > D.
   */
  @Test
  void wikipediaFortyFiveVoterExampleElectsEThenACBD() {
    SchulzeResult result = SchulzeTally.tally(5, ranked(5, "5 ACBED", "5 ADECB", "8 BEDAC",
        "3 CABED", "7 CAEBD", "2 CBADE", "7 DCEBA", "8 EBADC"));

    assertEquals(matrix(new long[][] {
        {0, 20, 26, 30, 22},
        {25, 0, 16, 33, 18},
        {19, 29, 0, 17, 24},
        {15, 12, 28, 0, 14},
        {23, 27, 21, 31, 0}}), result.pairwise());
    assertEquals(matrix(new long[][] {
        {0, 28, 28, 30, 24},
        {25, 0, 28, 33, 24},
        {25, 29, 0, 29, 24},
        {25, 28, 28, 0, 24},
        {25, 28, 28, 31, 0}}), result.strongestPaths());
    assertEquals(List.of(E), result.winners());
    assertEquals(List.of(E, A, C, B, D), result.ranking());
    assertEquals(45, result.countedWeight());
    assertEquals(0, result.invalidWeight());
  }

  @Test
  void weightedBallotsCountLikeThatManyUnitBallots() {
    List<WeightedBallot> weighted = ranked(5, "5 ACBED", "5 ADECB", "8 BEDAC", "3 CABED",
        "7 CAEBD", "2 CBADE", "7 DCEBA", "8 EBADC");
    assertEquals(SchulzeTally.tally(5, weighted),
        SchulzeTally.tally(5, Ballots.unitWeights(weighted)));
  }

  /**
   * Schulze's example 2: 30 voters, 4 candidates. Worked by hand:
   * d[A,B]=11 d[B,A]=19, d[A,C]=20 d[C,A]=10, d[A,D]=14 d[D,A]=16, d[B,C]=9 d[C,B]=21,
   * d[B,D]=12 d[D,B]=18, d[C,D]=17 d[D,C]=13. Links: B→A 19, A→C 20, D→A 16, C→B 21, D→B 18,
   * C→D 17. p[D,A]=18 (D-B-A) > p[A,D]=17 (A-C-D); p[D,B]=18 > p[B,D]=17; p[D,C]=18 (D-B-A-C)
   * > p[C,D]=17; p[A,B]=20 > p[B,A]=19; p[A,C]=20 > p[C,A]=19; p[C,B]=21 > p[B,C]=19.
   * Ranking D > A > C > B.
   */
  @Test
  void schulzePaperExampleTwoElectsD() {
    SchulzeResult result = SchulzeTally.tally(4, ranked(4, "5 ACBD", "2 ACDB", "3 ADCB",
        "4 BACD", "3 CBDA", "3 CDBA", "1 DACB", "5 DBAC", "4 DCBA"));

    assertEquals(matrix(new long[][] {
        {0, 11, 20, 14},
        {19, 0, 9, 12},
        {10, 21, 0, 17},
        {16, 18, 13, 0}}), result.pairwise());
    assertEquals(matrix(new long[][] {
        {0, 20, 20, 17},
        {19, 0, 19, 17},
        {19, 21, 0, 17},
        {18, 18, 18, 0}}), result.strongestPaths());
    assertEquals(List.of(D), result.winners());
    assertEquals(List.of(D, A, C, B), result.ranking());
  }

  /**
   * Schulze's example 3: 30 voters, 5 candidates; the published result is B > A > D > E > C.
   * By hand: links A→B 18, A→D 21, A→E 21, C→A 19, C→B 16, B→D 17, B→E 19, D→C 20, E→C 20,
   * D→E 30 (every voter ranks D above E). B's strongest paths: B-E-C-A 19, B-E-C 19, B-E-C-A-D
   * 19, B-E 19; every path into B ends in A→B 18 or C→B 16, so p[X,B] ≤ 18 &lt; 19: B wins.
   */
  @Test
  void schulzePaperExampleThreeElectsB() {
    SchulzeResult result = SchulzeTally.tally(5, ranked(5, "3 ABDEC", "5 ADEBC", "1 ADECB",
        "2 BADEC", "2 BDECA", "4 CABDE", "6 CBADE", "2 DBECA", "5 DECAB"));

    assertEquals(matrix(new long[][] {
        {0, 18, 11, 21, 21},
        {12, 0, 14, 17, 19},
        {19, 16, 0, 10, 10},
        {9, 13, 20, 0, 30},
        {9, 11, 20, 0, 0}}), result.pairwise());
    assertEquals(List.of(B), result.winners());
    assertEquals(List.of(B, A, D, E, C), result.ranking());
  }

  /**
   * Schulze's example 4 (situation 1): 9 voters, 4 candidates, a tie. By hand:
   * d[A,B]=5 d[B,A]=4, d[A,C]=5 d[C,A]=4, d[A,D]=3 d[D,A]=6, d[B,C]=7 d[C,B]=2,
   * d[B,D]=5 d[D,B]=4, d[C,D]=5 d[D,C]=4. p[A,B]=p[B,A]=5, p[A,C]=p[C,A]=5, p[D,A]=6 > p[A,D]=5,
   * p[B,C]=7 > p[C,B]=5, p[B,D]=p[D,B]=5, p[C,D]=p[D,C]=5. B and D are both potential winners.
   * Nobody beats B or D (losses 0; each beats one), A and C lose once: ranking B, D, A, C.
   */
  @Test
  void schulzePaperExampleFourIsATieBetweenBAndD() {
    SchulzeResult result = SchulzeTally.tally(4, ranked(4, "3 ABCD", "2 DABC", "2 DBCA",
        "2 CBDA"));

    assertEquals(matrix(new long[][] {
        {0, 5, 5, 3},
        {4, 0, 7, 5},
        {4, 2, 0, 5},
        {6, 4, 4, 0}}), result.pairwise());
    assertEquals(List.of(B, D), result.winners());
    assertEquals(-1, result.soleWinner());
    assertEquals(List.of(B, D, A, C), result.ranking());
    assertTrue(result.beats(D, A));
    assertTrue(result.beats(B, C));
  }

  @Test
  void perfectTieRanksByLowestIndex() {
    // A>B and B>A once each: d symmetric, no links, everyone a winner
    SchulzeResult result = SchulzeTally.tally(2, ranked(2, "1 AB", "1 BA"));
    assertEquals(List.of(A, B), result.winners());
    assertEquals(List.of(A, B), result.ranking());
  }

  @Test
  void equalRanksAndUnrankedOptionsAreIndifferent() {
    // ballot 1: A=B (rank 1) above C (rank 2), D unranked; ballot 2: C first, rest unranked
    SchulzeResult result = SchulzeTally.tally(4, List.of(ranks(2, 1, 1, 2, 0),
        ranks(1, 0, 0, 1, 0)));
    assertEquals(matrix(new long[][] {
        {0, 0, 2, 2},
        {0, 0, 2, 2},
        {1, 1, 0, 3},
        {0, 0, 0, 0}}), result.pairwise());
    assertEquals(List.of(A, B), result.winners());
  }

  @Test
  void statusQuoUnrankedSitsAtTheBottomWithUnrankedOptions() {
    // 3 voters rank only A; the status quo (index 2) ties with B at the bottom
    SchulzeResult result = SchulzeTally.tally(BallotRules.schulze(2, true),
        List.of(ranks(3, 1, 0)));
    assertEquals(2, result.statusQuoIndex());
    assertEquals(matrix(new long[][] {{0, 3, 3}, {0, 0, 0}, {0, 0, 0}}), result.pairwise());
    assertEquals(List.of(A), result.winners());
  }

  @Test
  void statusQuoRankedByTheVoterCanWin() {
    // 3 prefer the status quo over everything, 2 prefer A > status quo > B
    SchulzeResult result = SchulzeTally.tally(BallotRules.schulze(2, true),
        List.of(ranks(3, 2, 3, 1), ranks(2, 1, 3, 2)));
    assertEquals(List.of(2), result.winners());
    assertEquals(List.of(2, A, B), result.ranking());
    assertEquals(3, result.pairwise(2, A));
    assertEquals(2, result.pairwise(A, 2));
  }

  @Test
  void invalidBallotsAreCountedApartAndChangeNothing() {
    List<WeightedBallot> valid = ranked(3, "4 ABC", "3 BCA");
    SchulzeResult clean = SchulzeTally.tally(3, valid);
    List<WeightedBallot> dirty = new java.util.ArrayList<>(valid);
    dirty.add(ranks(7, 1, 9, 2)); // rank out of range
    dirty.add(ranks(5, 0, 0, 0)); // empty
    dirty.add(Ballots.single(2, 0)); // wrong method
    SchulzeResult result = SchulzeTally.tally(3, dirty);
    assertEquals(14, result.invalidWeight());
    assertEquals(clean.pairwise(), result.pairwise());
    assertEquals(clean.winners(), result.winners());
  }

  @Test
  void noBallotsMeansNoWinner() {
    SchulzeResult result = SchulzeTally.tally(3, List.of());
    assertEquals(List.of(), result.winners());
    assertEquals(0, result.countedWeight());
  }
}
