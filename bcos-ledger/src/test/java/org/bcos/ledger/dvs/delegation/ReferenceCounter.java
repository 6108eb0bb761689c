package org.bcos.ledger.dvs.delegation;

/**
 * A deliberately naive, independent statement of the counting rules for tests: walk each
 * member's chain pointer by pointer (O(n²) worst case), recording the first thing that ends it.
 */
final class ReferenceCounter {
  final int[] countedFor;
  final int[] hops;
  final MemberOutcome[] outcome;

  ReferenceCounter(int[] delegateOf, boolean[] voted, boolean[] refuses, int maxChainLength) {
    int n = delegateOf.length;
    countedFor = new int[n];
    hops = new int[n];
    outcome = new MemberOutcome[n];
    for (int m = 0; m < n; m++) walk(m, delegateOf, voted, refuses, maxChainLength);
  }

  private void walk(int m, int[] delegateOf, boolean[] voted, boolean[] refuses, int max) {
    countedFor[m] = -1;
    hops[m] = -1;
    if (voted[m]) {
      set(m, MemberOutcome.VOTED_DIRECTLY, m, 0);
      return;
    }
    int n = delegateOf.length;
    int at = m;
    for (int steps = 0; ; steps++) {
      int next = delegateOf[at];
      if (next < 0) {
        outcome[m] = steps == 0 ? MemberOutcome.NOT_VOTING : MemberOutcome.NO_VOTER;
        return;
      }
      if (refuses[next]) {
        outcome[m] = MemberOutcome.REFUSED;
        return;
      }
      if (voted[next]) {
        if (steps + 1 <= max) set(m, MemberOutcome.DELEGATED, next, steps + 1);
        else outcome[m] = MemberOutcome.CHAIN_TOO_LONG;
        return;
      }
      if (steps + 1 > n) { // more hops than members without an end: it repeats
        outcome[m] = MemberOutcome.CYCLE;
        return;
      }
      at = next;
    }
  }

  private void set(int m, MemberOutcome o, int voter, int h) {
    outcome[m] = o;
    countedFor[m] = voter;
    hops[m] = h;
  }
}
