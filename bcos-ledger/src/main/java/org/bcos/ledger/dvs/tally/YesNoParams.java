package org.bcos.ledger.dvs.tally;

import java.util.Objects;
import java.util.Optional;

/**
 * Decision rules of a yes/no/abstain issue.
 *
 * @param quorumWeight minimum turnout (yes + no + no-with-veto + abstain weight) for a decision;
 *     see {@link #quorumFromBasisPoints}
 * @param threshold yes share of the decisive weight (yes + no + no-with-veto) needed to pass
 * @param passAtThreshold {@code false}: yes·den must be strictly greater than num·decisive
 *     (Cosmos "more than 1/2"); {@code true}: reaching the threshold exactly is enough ("at
 *     least 2/3")
 * @param vetoShare when present, the issue is vetoed if no-with-veto weight is strictly more than
 *     this share of the turnout (Cosmos: 1/3)
 */
public record YesNoParams(long quorumWeight, Ratio threshold, boolean passAtThreshold,
    Optional<Ratio> vetoShare) {
  private static final long BASIS = 10_000;

  public YesNoParams {
    if (quorumWeight < 0) throw new IllegalArgumentException("quorumWeight < 0");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(vetoShare, "vetoShare");
  }

  /** Simple majority of the decisive weight, quorum as given, no veto. */
  public static YesNoParams simpleMajority(long quorumWeight) {
    return new YesNoParams(quorumWeight, Ratio.HALF, false, Optional.empty());
  }

  /**
   * The smallest turnout weight that is at least {@code basisPoints}/10,000 of the electorate
   * weight, i.e. {@code ceil(electorate · bp / 10000)}, computed without overflow.
   */
  public static long quorumFromBasisPoints(long electorateWeight, int basisPoints) {
    if (electorateWeight < 0 || basisPoints < 0 || basisPoints > BASIS) {
      throw new IllegalArgumentException("electorate " + electorateWeight + ", bp "
          + basisPoints);
    }
    long whole = electorateWeight / BASIS * basisPoints;
    long rest = electorateWeight % BASIS * basisPoints;
    return whole + (rest + BASIS - 1) / BASIS;
  }
}
