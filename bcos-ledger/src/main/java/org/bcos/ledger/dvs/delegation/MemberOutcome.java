package org.bcos.ledger.dvs.delegation;

/** What happened to one member's weight in a count. Only the first two count. */
public enum MemberOutcome {
  /** The member cast a ballot; it carries their own weight (their delegation is overridden). */
  VOTED_DIRECTLY(true),
  /** The weight reached a direct voter within the chain limit. */
  DELEGATED(true),
  /** Neither a ballot nor a delegate: not voting. */
  NOT_VOTING(false),
  /** The chain ends at a member with neither a ballot nor a delegate. */
  NO_VOTER(false),
  /** The chain runs into a cycle on which nobody voted directly. */
  CYCLE(false),
  /** The chain reaches a member who refuses incoming delegations; the weight stops there. */
  REFUSED(false),
  /** A direct voter is at the end, but more than {@code maxChainLength} hops away. */
  CHAIN_TOO_LONG(false);

  private final boolean counted;

  MemberOutcome(boolean counted) {
    this.counted = counted;
  }

  /** Whether the member's weight counts for some direct voter. */
  public boolean counted() {
    return counted;
  }
}
