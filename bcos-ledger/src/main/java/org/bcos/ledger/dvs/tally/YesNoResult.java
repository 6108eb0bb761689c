package org.bcos.ledger.dvs.tally;

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
}
