package org.bcos.ledger.dvs.tally;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Result of an instant-runoff count.
 *
 * @param rounds every round in order, the last one decides
 * @param eliminations what happened at the end of each round but the last (same order as
 *     {@code rounds}): who was eliminated, why, and where their ballots went
 * @param places the full ranking, one option per place (the elimination tie-break is total): the
 *     winner, then the options still continuing when it won, placed by going on with the count
 *     under the same rules, then the eliminated options, last eliminated first. One place holding
 *     every option when no valid ballot was counted
 * @param winner the elected option (the first place); empty when no valid ballot was counted
 * @param countedWeight sum of the weights of the valid ballots
 * @param invalidWeight weight of ballots rejected by {@link BallotValidator}
 */
public record IrvResult(List<Round> rounds, List<Elimination> eliminations,
    List<List<Integer>> places, OptionalInt winner, long countedWeight, long invalidWeight) {
  public IrvResult {
    rounds = List.copyOf(rounds);
    eliminations = List.copyOf(eliminations);
    places = Places.copy(places);
    Objects.requireNonNull(winner, "winner");
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

  /** Why an option was eliminated. */
  public enum Reason {
    /** It had less weight than every other continuing option. */
    FEWEST,
    /**
     * It tied for the least weight and, against each option it tied with, had less weight in the
     * latest earlier round where the two differed.
     */
    TIED_LESS_EARLIER,
    /** It tied for the least weight with an option it never differed from: highest index goes. */
    TIED_HIGHEST_INDEX
  }

  /**
   * The end of one round.
   *
   * @param option the option eliminated
   * @param reason why it was that one
   * @param tiedWith the other continuing options that had as little weight (ascending)
   * @param transfers weight its ballots moved to each option (index) for the next round
   * @param exhaustedWeight weight of its ballots that had no continuing option left
   */
  public record Elimination(int option, Reason reason, List<Integer> tiedWith,
      List<Long> transfers, long exhaustedWeight) {
    public Elimination {
      Objects.requireNonNull(reason, "reason");
      tiedWith = List.copyOf(tiedWith);
      transfers = List.copyOf(transfers);
    }
  }
}
