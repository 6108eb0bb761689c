package org.bcos.ledger.dvs.delegation;

/**
 * The outcome of one {@link DelegationCounter#count count}: for every member, which direct voter's
 * ballot carries their weight and after how many hops; for every direct voter, the weight their
 * ballot carries; and the totals. Immutable.
 */
public final class DelegationResult {
  private static final MemberOutcome[] OUTCOMES = MemberOutcome.values();

  private final int[] countedFor;
  private final int[] hops;
  private final byte[] outcome;
  private final long[] countedWeight;
  private final long totalCounted;
  private final long totalNotCounted;

  DelegationResult(int[] countedFor, int[] hops, byte[] outcome, long[] countedWeight,
      long totalCounted, long totalNotCounted) {
    this.countedFor = countedFor;
    this.hops = hops;
    this.outcome = outcome;
    this.countedWeight = countedWeight;
    this.totalCounted = totalCounted;
    this.totalNotCounted = totalNotCounted;
  }

  public int memberCount() {
    return countedFor.length;
  }

  /**
   * The direct voter whose ballot carries this member's weight (the member themself if they voted
   * directly), or {@code -1} if the weight is not counted.
   */
  public int countedFor(int member) {
    return countedFor[member];
  }

  /** Hops from the member to {@link #countedFor}: 0 for a direct voter, -1 if not counted. */
  public int hops(int member) {
    return hops[member];
  }

  /** What happened to the member's weight, including why it is not counted. */
  public MemberOutcome outcome(int member) {
    return OUTCOMES[outcome[member]];
  }

  /**
   * For a direct voter: own weight plus all delegated weight reaching them (what their ballot
   * carries). 0 for anyone else.
   */
  public long countedWeight(int member) {
    return countedWeight[member];
  }

  /** Sum of {@link #countedWeight} over all direct voters. */
  public long totalCounted() {
    return totalCounted;
  }

  /** Weight of members whose weight is not counted (not voting). */
  public long totalNotCounted() {
    return totalNotCounted;
  }

  /** {@link #countedFor} of every member, copied. */
  public int[] countedForAll() {
    return countedFor.clone();
  }
}
