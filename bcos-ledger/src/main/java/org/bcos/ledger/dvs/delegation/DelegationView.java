package org.bcos.ledger.dvs.delegation;

/**
 * What {@link DelegationValidator} reads of the current state: the community's members, their
 * delegations at the scope of the new delegation, and their refusals.
 */
public interface DelegationView {
  /** Members are {@code 0..memberCount()-1}. */
  int memberCount();

  /** The member's delegate at the scope being validated, {@code -1} if none. */
  int delegateOf(int member);

  /** Whether the member refuses incoming delegations. */
  boolean refusesIncoming(int member);

  /** A view over arrays indexed by member id (not copied: for a validation that reads them now). */
  static DelegationView of(int[] delegateOf, boolean[] refusesIncoming) {
    if (delegateOf.length != refusesIncoming.length) {
      throw new IllegalArgumentException("delegateOf and refusesIncoming differ in length");
    }
    return new DelegationView() {
      @Override
      public int memberCount() {
        return delegateOf.length;
      }

      @Override
      public int delegateOf(int member) {
        return delegateOf[member];
      }

      @Override
      public boolean refusesIncoming(int member) {
        return refusesIncoming[member];
      }
    };
  }
}
