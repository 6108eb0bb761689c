package org.bcos.ledger.dvs.delegation;

/**
 * The delegations set at one scope (the community, one area or one issue): pairs {@code
 * delegator → delegate} of member ids, sorted by delegator, at most one per delegator, never to
 * oneself (the ledger rejects those at submission, so here they are bugs).
 */
public final class DelegationTable {
  /** No delegations. */
  public static final DelegationTable EMPTY = new DelegationTable(new int[0], new int[0]);

  private final int[] delegators;
  private final int[] delegates;

  private DelegationTable(int[] delegators, int[] delegates) {
    if (delegators.length != delegates.length) {
      throw new IllegalArgumentException("delegators and delegates differ in length: "
          + delegators.length + " vs " + delegates.length);
    }
    int previous = -1;
    for (int i = 0; i < delegators.length; i++) {
      if (delegators[i] <= previous) {
        throw new IllegalArgumentException("delegators are not strictly ascending at entry " + i);
      }
      if (delegates[i] < 0) {
        throw new IllegalArgumentException("negative delegate at entry " + i);
      }
      if (delegates[i] == delegators[i]) {
        throw new IllegalArgumentException("self-delegation of member " + delegators[i]);
      }
      previous = delegators[i];
    }
    this.delegators = delegators;
    this.delegates = delegates;
  }

  /** Pairs {@code delegators[i] → delegates[i]}, delegators strictly ascending; both copied. */
  public static DelegationTable of(int[] delegators, int[] delegates) {
    return new DelegationTable(delegators.clone(), delegates.clone());
  }

  /** From a dense array indexed by member id, {@code -1} meaning no delegate at this scope. */
  public static DelegationTable fromDense(int[] delegateOf) {
    int count = 0;
    for (int d : delegateOf) {
      if (d >= 0) count++;
    }
    int[] from = new int[count];
    int[] to = new int[count];
    int k = 0;
    for (int member = 0; member < delegateOf.length; member++) {
      if (delegateOf[member] >= 0) {
        from[k] = member;
        to[k++] = delegateOf[member];
      }
    }
    return new DelegationTable(from, to);
  }

  public int size() {
    return delegators.length;
  }

  public int delegator(int entry) {
    return delegators[entry];
  }

  public int delegate(int entry) {
    return delegates[entry];
  }
}
