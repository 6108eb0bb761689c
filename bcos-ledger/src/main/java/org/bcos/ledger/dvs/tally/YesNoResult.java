package org.bcos.ledger.dvs.tally;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of a yes/no/abstain count.
 *
 * @param yes weight of yes ballots
 * @param no weight of plain no ballots
 * @param noWithVeto weight of no-with-veto ballots (also counted as no for the threshold)
 * @param abstain weight of abstentions (count for quorum only)
 * @param countedWeight turnout: the sum of the four
 * @param invalidWeight weight of ballots rejected by {@link BallotValidator}
 * @param outcome the decision
 */
public record YesNoResult(long yes, long no, long noWithVeto, long abstain, long countedWeight,
    long invalidWeight, Outcome outcome) {

  /** What the issue decided, checked in this order. */
  public enum Outcome {
    /** Turnout below the quorum weight. */
    QUORUM_NOT_MET,
    /** No-with-veto weight is more than the veto share of the turnout. */
    VETOED,
    /** The yes share of the decisive weight passes the threshold. */
    PASSED,
    /** Otherwise, including when every ballot abstained. */
    REJECTED
  }

  /** Weight that decides the threshold: yes + no + no-with-veto. */
  public long decisiveWeight() {
    return Math.addExact(Math.addExact(yes, no), noWithVeto);
  }

  /**
   * The four choices ranked by weight, as indices yes 0, no 1, abstain 2, no-with-veto 3 (the
   * order of {@link BallotContent.Choice}); equal weights share a place. Explains the count; the
   * outcome is decided by quorum, veto and threshold, not by this order.
   */
  public List<List<Integer>> places() {
    long[] weights = {yes, no, abstain, noWithVeto};
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
    order.sort((a, b) -> weights[a] != weights[b] ? Long.compare(weights[b], weights[a])
        : Integer.compare(a, b));
    return Places.of(order, (a, b) -> weights[a] == weights[b]);
  }
}
