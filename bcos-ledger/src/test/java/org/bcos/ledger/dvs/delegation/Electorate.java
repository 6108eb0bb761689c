package org.bcos.ledger.dvs.delegation;

import java.util.Arrays;

/** Test builder for one issue's delegation inputs: n members, weight 1 each unless set. */
final class Electorate {
  final long[] weight;
  final int[] delegateOf;
  final boolean[] voted;
  final boolean[] refuses;
  int maxChainLength = 10;

  Electorate(int n) {
    weight = new long[n];
    Arrays.fill(weight, 1L);
    delegateOf = new int[n];
    Arrays.fill(delegateOf, -1);
    voted = new boolean[n];
    refuses = new boolean[n];
  }

  Electorate weight(int member, long w) {
    weight[member] = w;
    return this;
  }

  /** Chain of delegations: members[0] → members[1] → ... */
  Electorate delegate(int... members) {
    for (int i = 0; i + 1 < members.length; i++) delegateOf[members[i]] = members[i + 1];
    return this;
  }

  Electorate vote(int... members) {
    for (int m : members) voted[m] = true;
    return this;
  }

  Electorate refuse(int... members) {
    for (int m : members) refuses[m] = true;
    return this;
  }

  Electorate max(int hops) {
    maxChainLength = hops;
    return this;
  }

  DelegationResult count() {
    return DelegationCounter.count(WeightSnapshot.of(1, weight), delegateOf, voted, refuses,
        maxChainLength);
  }
}
