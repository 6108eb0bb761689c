package org.bcos.ledger.dvs.delegation;

import java.util.Optional;

/**
 * Checks a new delegation {@code delegator → delegate} before the ledger stores it, returning the
 * named rejection ({@link DelegationProblem}) or empty if it may be stored.
 *
 * <p>The chain check is the cheap, local one: one hop plus the delegate's own outgoing chain at
 * the same scope (followed until a member without a delegate, a member who refuses incoming
 * delegations, or a member already seen) must not exceed {@code maxChainLength}. It costs
 * O(maxChainLength²) reads at most. Members who delegate to the delegator may still end up with
 * chains over the limit; checking all of them would be expensive, so their weight is simply not
 * counted at tally time ({@link MemberOutcome#CHAIN_TOO_LONG}). Closing a cycle is allowed.
 */
public final class DelegationValidator {
  /** Upper bound for a community's {@code maxChainLength}, which bounds the chain walk here. */
  public static final int MAX_CHAIN_LENGTH_CEILING = 1_000;

  private DelegationValidator() {}

  /**
   * @param delegator member id of the sender, {@code -1} if the sender is not a member
   * @param delegate member id of the delegate, {@code -1} if the delegate is not a member
   * @param view the current delegations at the scope of the new one, and refusals
   * @param maxChainLength the community's limit, {@code 0..MAX_CHAIN_LENGTH_CEILING}
   */
  public static Optional<DelegationProblem> check(int delegator, int delegate,
      DelegationView view, int maxChainLength) {
    if (maxChainLength < 0 || maxChainLength > MAX_CHAIN_LENGTH_CEILING) {
      throw new IllegalArgumentException("maxChainLength outside 0.." + MAX_CHAIN_LENGTH_CEILING
          + ": " + maxChainLength);
    }
    int n = view.memberCount();
    if (delegator < 0 || delegator >= n) return Optional.of(DelegationProblem.DELEGATOR_NOT_MEMBER);
    if (delegate < 0 || delegate >= n) return Optional.of(DelegationProblem.DELEGATE_NOT_MEMBER);
    if (delegate == delegator) return Optional.of(DelegationProblem.SELF_DELEGATION);
    if (view.refusesIncoming(delegate)) return Optional.of(DelegationProblem.DELEGATE_REFUSES);
    if (chainExceeds(delegator, delegate, view, maxChainLength)) {
      return Optional.of(DelegationProblem.CHAIN_TOO_LONG);
    }
    return Optional.empty();
  }

  /** Whether 1 + the delegate's outgoing chain (distinct hops) exceeds {@code max}. */
  private static boolean chainExceeds(int delegator, int delegate, DelegationView view,
      int max) {
    if (max < 1) return true;
    int[] seen = new int[max + 1];
    seen[0] = delegate;
    int seenCount = 1;
    int member = delegate;
    while (true) {
      int next = view.delegateOf(member);
      if (next < 0 || next >= view.memberCount() || next == delegator
          || view.refusesIncoming(next) || contains(seen, seenCount, next)) {
        return false;
      }
      if (seenCount == max) return true; // hops would be seenCount + 1 > max
      seen[seenCount++] = next;
      member = next;
    }
  }

  private static boolean contains(int[] values, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) return true;
    }
    return false;
  }
}
