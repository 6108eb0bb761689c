/**
 * Liquid delegation for DVS: which direct voter's ballot carries each member's weight in one
 * issue's count.
 *
 * <p>Deterministic core (STYLE §11): it runs inside the ledger on every node, so it uses only
 * int-indexed arrays, integer arithmetic checked with {@link java.lang.Math#addExact}, no hash
 * ordered collections and no recursion (a chain can be as long as the electorate).
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>Members are dense ids {@code 0..n-1}; the ledger maps addresses to ids in a deterministic
 *       order (sorted address bytes).
 *   <li>Weights ({@link org.bcos.ledger.dvs.delegation.WeightSnapshot}) are fixed at the block
 *       where voting opens: 1 per member in the {@code members} model, shares in the {@code
 *       weighted} model. The snapshot copies its input, so weight bought during the vote changes
 *       nothing.
 *   <li>Each member has at most one delegate per {@link
 *       org.bcos.ledger.dvs.delegation.DelegationScope scope}; for an issue the most specific one
 *       wins (issue, then the area, its parent area, ... the root area, then community):
 *       {@link org.bcos.ledger.dvs.delegation.DelegationResolver}.
 *   <li>{@link org.bcos.ledger.dvs.delegation.DelegationCounter} follows the resolved delegations
 *       transitively to the direct voter that carries each member's weight and reports a {@link
 *       org.bcos.ledger.dvs.delegation.DelegationResult}.
 *   <li>{@link org.bcos.ledger.dvs.delegation.DelegationValidator} gives the named rejection
 *       reasons ({@link org.bcos.ledger.dvs.delegation.DelegationProblem}) for a new delegation
 *       transaction.
 * </ul>
 *
 * <h2>Counting rules</h2>
 *
 * <ol>
 *   <li>A direct ballot always overrides the voter's own delegation for that issue: the voter
 *       counts for themself with 0 hops, whatever their delegate is.
 *   <li>A member who did not vote follows their delegate; weight reaching a direct voter after
 *       {@code h} hops counts for that voter if {@code h <= maxChainLength}, else it is not
 *       counted ({@link org.bcos.ledger.dvs.delegation.MemberOutcome#CHAIN_TOO_LONG}).
 *   <li>Weight delegated to a member who refuses incoming delegations stops there and is <b>not
 *       counted</b> ("not voting"), even if that member voted directly; the refusing member's own
 *       weight is unaffected.
 *   <li>Cycles are legal (revocations and scopes make them impossible to rule out cheaply) and
 *       never create or lose weight: weight that circles among members of whom none voted directly
 *       is not counted ({@link org.bcos.ledger.dvs.delegation.MemberOutcome#CYCLE}). A direct voter
 *       on a cycle breaks it, since their own delegation is overridden.
 *   <li>Conservation: the sum of counted weight over voters plus the not-counted weight equals the
 *       sum of all weights, checked on every count ({@link org.bcos.ledger.Invariants}).
 * </ol>
 *
 * <p>Admission support: a community may choose that delegated weight counts only in the final
 * vote. That is the caller's business: for admission support it simply counts direct supporters
 * and does not call the counter.
 */
package org.bcos.ledger.dvs.delegation;
