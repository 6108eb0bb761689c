package org.bcos.ledger.dvs.tally;

import java.util.List;
import java.util.OptionalInt;

/**
 * Result of an instant-runoff count.
 *
 * @param rounds every round in order, the last one decides
 * @param winner the elected option; empty when no valid ballot was counted
 * @param countedWeight sum of the weights of the valid ballots
 * @param invalidWeight weight of ballots rejected by {@link BallotValidator}
 */
public record IrvResult(List<Round> rounds, OptionalInt winner, long countedWeight,
    long invalidWeight) {
  public IrvResult {
    rounds = List.copyOf(rounds);
  }

  /**
   * One round.
   *
   * @param totals weight on each option (index); 0 for options already eliminated
   * @param exhaustedWeight weight of ballots with no continuing option left
   * @param eliminated option eliminated at the end of this round, or -1 in the final round
   */
  public record Round(List<Long> totals, long exhaustedWeight, int eliminated) {
    public Round {
      totals = List.copyOf(totals);
    }
  }
}
