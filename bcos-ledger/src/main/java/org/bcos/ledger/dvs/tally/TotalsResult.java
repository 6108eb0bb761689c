package org.bcos.ledger.dvs.tally;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of a count that sums a number per option (single choice, approval, score, quadratic).
 *
 * @param totals weighted total per option index (quadratic: net, may be negative)
 * @param ranking all options, highest total first; equal totals in ascending option index
 * @param places the ranking as places: options with equal totals share one (a tie, reported,
 *     not broken); the first place is the winners
 * @param winners every option with the highest total, ascending (more than one = a tie, reported,
 *     not broken); empty when no valid ballot was counted
 * @param countedWeight sum of the weights of the valid ballots
 * @param invalidWeight sum of the weights of the ballots rejected by {@link BallotValidator}
 */
public record TotalsResult(List<Long> totals, List<Integer> ranking,
    List<List<Integer>> places, List<Integer> winners, long countedWeight, long invalidWeight) {
  public TotalsResult {
    totals = List.copyOf(totals);
    ranking = List.copyOf(ranking);
    places = Places.copy(places);
    winners = List.copyOf(winners);
    if (countedWeight < 0 || invalidWeight < 0) throw new IllegalArgumentException("weight < 0");
  }

  static TotalsResult of(long[] totals, long countedWeight, long invalidWeight) {
    List<Long> boxed = new ArrayList<>(totals.length);
    for (long t : totals) boxed.add(t);
    List<Integer> ranking = new ArrayList<>(totals.length);
    for (int i = 0; i < totals.length; i++) ranking.add(i);
    ranking.sort((a, b) -> a.equals(b) ? 0
        : totals[a] != totals[b] ? Long.compare(totals[b], totals[a]) : Integer.compare(a, b));
    List<List<Integer>> places = Places.of(ranking, (a, b) -> totals[a] == totals[b]);
    return new TotalsResult(boxed, ranking, places, Places.winners(places, countedWeight),
        countedWeight, invalidWeight);
  }

  /** The single winner, or -1 when there is none or a tie. */
  public int soleWinner() {
    return winners.size() == 1 ? winners.get(0) : -1;
  }
}
