package org.bcos.ledger.dvs.delegation;

import java.util.Arrays;
import org.bcos.ledger.Invariants;

/**
 * Follows resolved delegations transitively to the direct voter that carries each member's weight
 * (rules in the {@linkplain org.bcos.ledger.dvs.delegation package documentation}). O(members),
 * iterative: every member is pushed on an explicit stack at most once, and a member met again
 * while still on the stack closes a cycle. Inputs are read, never kept or changed.
 *
 * <p>Admission support: where a community counts delegated weight only in the final vote, the
 * caller counts direct supporters only and does not call this class.
 */
public final class DelegationCounter {
  private static final byte ON_STACK = -1;
  private static final byte UNSEEN = -2;
  private static final byte VOTED_DIRECTLY = (byte) MemberOutcome.VOTED_DIRECTLY.ordinal();
  private static final byte DELEGATED = (byte) MemberOutcome.DELEGATED.ordinal();
  private static final byte NOT_VOTING = (byte) MemberOutcome.NOT_VOTING.ordinal();
  private static final byte NO_VOTER = (byte) MemberOutcome.NO_VOTER.ordinal();
  private static final byte CYCLE = (byte) MemberOutcome.CYCLE.ordinal();
  private static final byte REFUSED = (byte) MemberOutcome.REFUSED.ordinal();
  private static final byte CHAIN_TOO_LONG = (byte) MemberOutcome.CHAIN_TOO_LONG.ordinal();

  private DelegationCounter() {}

  /**
   * Counts one issue.
   *
   * @param weights the snapshot taken when voting opened
   * @param delegateOf effective delegate per member for this issue ({@link DelegationResolver}),
   *     {@code -1} = none
   * @param votedDirectly members who cast a ballot on this issue
   * @param refusesIncoming members who refuse incoming delegations
   * @param maxChainLength the community's limit on hops from a delegating member to the voter; 0
   *     means only direct ballots count
   * @throws IllegalArgumentException on arrays of different lengths, a delegate outside {@code
   *     -1..n-1} or a negative limit
   */
  public static DelegationResult count(WeightSnapshot weights, int[] delegateOf,
      boolean[] votedDirectly, boolean[] refusesIncoming, int maxChainLength) {
    int n = weights.memberCount();
    checkInputs(n, delegateOf, votedDirectly, refusesIncoming, maxChainLength);
    int[] countedFor = new int[n];
    int[] hops = new int[n];
    byte[] outcome = new byte[n];
    Arrays.fill(outcome, UNSEEN);
    int[] stack = new int[n];
    for (int start = 0; start < n; start++) {
      if (outcome[start] != UNSEEN) continue;
      int top = walk(start, stack, outcome, countedFor, hops, delegateOf, votedDirectly,
          refusesIncoming);
      while (top > 0) {
        int member = stack[--top];
        inherit(member, delegateOf[member], outcome, countedFor, hops, maxChainLength);
      }
    }
    return accumulate(weights, countedFor, hops, outcome);
  }

  /**
   * Pushes the unresolved members on the chain from {@code start} until a member that ends it (a
   * direct voter, no delegate, a refusing delegate), an already resolved member, or a cycle.
   * Members on a cycle, and all those leading into it, are resolved here as {@link #CYCLE}.
   *
   * @return how many members remain on the stack, to be resolved last-in first-out
   */
  private static int walk(int start, int[] stack, byte[] outcome, int[] countedFor, int[] hops,
      int[] delegateOf, boolean[] votedDirectly, boolean[] refusesIncoming) {
    int top = 0;
    int member = start;
    while (true) {
      byte end = endOfChain(member, delegateOf, votedDirectly, refusesIncoming);
      if (end != UNSEEN) {
        outcome[member] = end;
        countedFor[member] = end == VOTED_DIRECTLY ? member : -1;
        hops[member] = end == VOTED_DIRECTLY ? 0 : -1;
        return top;
      }
      outcome[member] = ON_STACK;
      stack[top++] = member;
      int next = delegateOf[member];
      if (outcome[next] == ON_STACK) {
        for (int i = 0; i < top; i++) {
          outcome[stack[i]] = CYCLE;
          countedFor[stack[i]] = -1;
          hops[stack[i]] = -1;
        }
        return 0;
      }
      if (outcome[next] != UNSEEN) return top;
      member = next;
    }
  }

  /** The member's outcome if their chain ends with them, else {@link #UNSEEN}. */
  private static byte endOfChain(int member, int[] delegateOf, boolean[] votedDirectly,
      boolean[] refusesIncoming) {
    if (votedDirectly[member]) return VOTED_DIRECTLY;
    int delegate = delegateOf[member];
    if (delegate < 0) return NOT_VOTING;
    if (refusesIncoming[delegate]) return REFUSED;
    return UNSEEN;
  }

  /** Resolves a member from their already resolved delegate: one more hop on the same chain. */
  private static void inherit(int member, int delegate, byte[] outcome, int[] countedFor,
      int[] hops, int maxChainLength) {
    byte via = outcome[delegate];
    if (via == VOTED_DIRECTLY || via == DELEGATED) {
      int distance = hops[delegate] + 1;
      if (distance <= maxChainLength) {
        outcome[member] = DELEGATED;
        countedFor[member] = countedFor[delegate];
        hops[member] = distance;
        return;
      }
      via = CHAIN_TOO_LONG;
    } else if (via == NOT_VOTING) {
      via = NO_VOTER;
    }
    outcome[member] = via;
    countedFor[member] = -1;
    hops[member] = -1;
  }

  private static DelegationResult accumulate(WeightSnapshot weights, int[] countedFor,
      int[] hops, byte[] outcome) {
    int n = countedFor.length;
    long[] countedWeight = new long[n];
    long counted = 0;
    long notCounted = 0;
    for (int member = 0; member < n; member++) {
      long w = weights.weight(member);
      int voter = countedFor[member];
      if (voter >= 0) {
        countedWeight[voter] = Math.addExact(countedWeight[voter], w);
        counted = Math.addExact(counted, w);
      } else {
        notCounted = Math.addExact(notCounted, w);
      }
    }
    Invariants.check(Math.addExact(counted, notCounted) == weights.total(),
        "delegation count conserves weight");
    return new DelegationResult(countedFor, hops, outcome, countedWeight, counted, notCounted);
  }

  private static void checkInputs(int n, int[] delegateOf, boolean[] votedDirectly,
      boolean[] refusesIncoming, int maxChainLength) {
    if (delegateOf.length != n || votedDirectly.length != n || refusesIncoming.length != n) {
      throw new IllegalArgumentException("inputs differ in length: weights " + n
          + ", delegateOf " + delegateOf.length + ", votedDirectly " + votedDirectly.length
          + ", refusesIncoming " + refusesIncoming.length);
    }
    if (maxChainLength < 0) {
      throw new IllegalArgumentException("negative maxChainLength: " + maxChainLength);
    }
    for (int member = 0; member < n; member++) {
      if (delegateOf[member] < -1 || delegateOf[member] >= n) {
        throw new IllegalArgumentException("delegate of member " + member + " out of range: "
            + delegateOf[member]);
      }
    }
  }
}
