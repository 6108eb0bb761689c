package org.bcos.ledger.dvs.delegation;

/**
 * Why a new delegation is rejected at submission ({@link DelegationValidator}); the ledger passes
 * it to the caller unchanged. Cycles are <b>not</b> a problem: they are legal and simply do not
 * count unless someone on them votes directly.
 */
public enum DelegationProblem {
  /** The delegating account is not a member of the community. */
  DELEGATOR_NOT_MEMBER,
  /** The delegate is not a member of the community. */
  DELEGATE_NOT_MEMBER,
  /** A member cannot delegate to themself. */
  SELF_DELEGATION,
  /** The delegate refuses incoming delegations. */
  DELEGATE_REFUSES,
  /**
   * One hop plus the delegate's own outgoing chain would exceed the community's maximum chain
   * length (also when the maximum is 0, i.e. delegation is disabled).
   */
  CHAIN_TOO_LONG
}
