package org.bcos.ledger.dvs.tally;

import java.util.List;

/**
 * Result of a Schulze count. Candidates are the options {@code 0..optionCount-1}, plus, when
 * {@code statusQuo} is on, the status quo as candidate {@code optionCount}.
 *
 * @param optionCount options on the ballot (the status quo excluded)
 * @param statusQuo whether the status quo took part as candidate {@code optionCount}
 * @param pairwise {@code d[i][j]}: weight of ballots ranking candidate i strictly above j
 * @param strongestPaths {@code p[i][j]}: strength of the strongest path from i to j (winning
 *     votes: a link i→j exists when d[i][j] &gt; d[j][i] and has strength d[i][j])
 * @param firstChoices weight of the ballots ranking each candidate first (a ballot ranking
 *     several equal first counts for each of them)
 * @param ranking all candidates, a linear order extending "i beats j" (p[i][j] &gt; p[j][i]):
 *     fewer candidates beating it first, then more candidates beaten, then lower index
 * @param places the ranking cut into places of tied candidates: the winners share the first;
 *     below them, candidates beaten by as many and beating as many share a place
 * @param winners every candidate that no candidate beats (the Schulze winners), ascending; more
 *     than one is a tie, reported, and {@code ranking.get(0)} is then the lowest-index one;
 *     empty when no valid ballot was counted
 * @param countedWeight sum of the weights of the valid ballots
 * @param invalidWeight weight of ballots rejected by {@link BallotValidator}
 */
public record SchulzeResult(int optionCount, boolean statusQuo, List<List<Long>> pairwise,
    List<List<Long>> strongestPaths, List<Long> firstChoices, List<Integer> ranking,
    List<List<Integer>> places,
    List<Integer> winners, long countedWeight, long invalidWeight) {
  public SchulzeResult {
    pairwise = pairwise.stream().map(List::copyOf).toList();
    strongestPaths = strongestPaths.stream().map(List::copyOf).toList();
    firstChoices = List.copyOf(firstChoices);
    ranking = List.copyOf(ranking);
    places = Places.copy(places);
    winners = List.copyOf(winners);
  }

  /** Index of the status quo candidate, or -1 without one. */
  public int statusQuoIndex() {
    return statusQuo ? optionCount : -1;
  }

  /** d[i][j]. */
  public long pairwise(int i, int j) {
    return pairwise.get(i).get(j);
  }

  /** p[i][j]. */
  public long strongestPath(int i, int j) {
    return strongestPaths.get(i).get(j);
  }

  /** Whether candidate i beats j: p[i][j] &gt; p[j][i]. */
  public boolean beats(int i, int j) {
    return strongestPath(i, j) > strongestPath(j, i);
  }

  /** The single winner, or -1 when there is none or a tie. */
  public int soleWinner() {
    return winners.size() == 1 ? winners.get(0) : -1;
  }
}
