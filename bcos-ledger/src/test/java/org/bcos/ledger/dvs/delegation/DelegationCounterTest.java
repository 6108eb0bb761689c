package org.bcos.ledger.dvs.delegation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DelegationCounterTest {
  private static void assertMember(DelegationResult r, int member, MemberOutcome outcome,
      int countedFor, int hops) {
    assertEquals(outcome, r.outcome(member), "outcome of " + member);
    assertEquals(countedFor, r.countedFor(member), "countedFor of " + member);
    assertEquals(hops, r.hops(member), "hops of " + member);
  }

  @Test
  void simpleDelegationCarriesWeightToVoter() {
    DelegationResult r = new Electorate(3).weight(0, 5).weight(1, 7).delegate(0, 1).vote(1)
        .count();
    assertMember(r, 0, MemberOutcome.DELEGATED, 1, 1);
    assertMember(r, 1, MemberOutcome.VOTED_DIRECTLY, 1, 0);
    assertMember(r, 2, MemberOutcome.NOT_VOTING, -1, -1);
    assertEquals(12, r.countedWeight(1));
    assertEquals(0, r.countedWeight(0));
    assertEquals(12, r.totalCounted());
    assertEquals(1, r.totalNotCounted());
  }

  @Test
  void directBallotOverridesOwnDelegation() {
    DelegationResult r = new Electorate(2).delegate(0, 1).vote(0, 1).count();
    assertMember(r, 0, MemberOutcome.VOTED_DIRECTLY, 0, 0);
    assertEquals(1, r.countedWeight(0));
    assertEquals(1, r.countedWeight(1));
  }

  @Test
  void transitiveChainCountsForVoterAtTheEnd() {
    DelegationResult r = new Electorate(5).delegate(0, 1, 2, 3).vote(3).count();
    assertMember(r, 0, MemberOutcome.DELEGATED, 3, 3);
    assertMember(r, 1, MemberOutcome.DELEGATED, 3, 2);
    assertMember(r, 2, MemberOutcome.DELEGATED, 3, 1);
    assertEquals(4, r.countedWeight(3));
    assertEquals(1, r.totalNotCounted());
  }

  @Test
  void voterInTheMiddleOfChainStopsIt() {
    DelegationResult r = new Electorate(4).delegate(0, 1, 2, 3).vote(1, 3).count();
    assertMember(r, 0, MemberOutcome.DELEGATED, 1, 1);
    assertMember(r, 2, MemberOutcome.DELEGATED, 3, 1);
    assertEquals(2, r.countedWeight(1));
    assertEquals(2, r.countedWeight(3));
  }

  @Test
  void chainExactlyAtLimitCountsAndOneBeyondDoesNot() {
    // 0 → 1 → 2 → 3 → 4 (voter): member 1 is 3 hops away, member 0 is 4
    DelegationResult r = new Electorate(5).delegate(0, 1, 2, 3, 4).vote(4).max(3).count();
    assertMember(r, 1, MemberOutcome.DELEGATED, 4, 3);
    assertMember(r, 0, MemberOutcome.CHAIN_TOO_LONG, -1, -1);
    assertEquals(4, r.countedWeight(4));
    assertEquals(1, r.totalNotCounted());
  }

  @Test
  void zeroLimitCountsOnlyDirectBallots() {
    DelegationResult r = new Electorate(2).delegate(0, 1).vote(1).max(0).count();
    assertMember(r, 0, MemberOutcome.CHAIN_TOO_LONG, -1, -1);
    assertEquals(1, r.countedWeight(1));
  }

  @Test
  void cycleWithoutVoterIsNotCounted() {
    // 3 → 0 → 1 → 2 → 0, nobody votes; 4 votes alone
    DelegationResult r = new Electorate(5).delegate(3, 0, 1, 2, 0).vote(4).count();
    for (int m = 0; m < 4; m++) assertMember(r, m, MemberOutcome.CYCLE, -1, -1);
    assertEquals(1, r.totalCounted());
    assertEquals(4, r.totalNotCounted());
  }

  @Test
  void cycleWithDirectVoterSendsWeightToThem() {
    // 0 → 1 → 2 → 0 and 2 voted: 2's own delegation to 0 is overridden
    DelegationResult r = new Electorate(3).weight(0, 10).weight(1, 20).weight(2, 30)
        .delegate(0, 1, 2, 0).vote(2).count();
    assertMember(r, 0, MemberOutcome.DELEGATED, 2, 2);
    assertMember(r, 1, MemberOutcome.DELEGATED, 2, 1);
    assertEquals(60, r.countedWeight(2));
    assertEquals(0, r.totalNotCounted());
  }

  @Test
  void refusalStopsDelegatedWeightButNotOwnBallot() {
    // 0 → 1 (refuses, voted), 2 → 3 (refuses) → 4 (voted)
    DelegationResult r = new Electorate(5).delegate(0, 1).delegate(2, 3, 4).vote(1, 4)
        .refuse(1, 3).count();
    assertMember(r, 0, MemberOutcome.REFUSED, -1, -1);
    assertMember(r, 1, MemberOutcome.VOTED_DIRECTLY, 1, 0);
    assertMember(r, 2, MemberOutcome.REFUSED, -1, -1);
    assertMember(r, 3, MemberOutcome.DELEGATED, 4, 1);
    assertEquals(1, r.countedWeight(1));
    assertEquals(2, r.countedWeight(4));
    assertEquals(2, r.totalNotCounted());
  }

  @Test
  void refusalFurtherDownStopsWholeChain() {
    DelegationResult r = new Electorate(4).delegate(0, 1, 2, 3).refuse(2).vote(3).count();
    assertMember(r, 0, MemberOutcome.REFUSED, -1, -1);
    assertMember(r, 1, MemberOutcome.REFUSED, -1, -1);
    assertMember(r, 2, MemberOutcome.DELEGATED, 3, 1);
  }

  @Test
  void chainEndingWithoutVoterIsNotCounted() {
    DelegationResult r = new Electorate(3).delegate(0, 1, 2).count();
    assertMember(r, 0, MemberOutcome.NO_VOTER, -1, -1);
    assertMember(r, 1, MemberOutcome.NO_VOTER, -1, -1);
    assertMember(r, 2, MemberOutcome.NOT_VOTING, -1, -1);
    assertEquals(0, r.totalCounted());
    assertEquals(3, r.totalNotCounted());
  }

  @Test
  void selfLoopInCounterInputIsACycle() {
    Electorate e = new Electorate(1);
    e.delegateOf[0] = 0;
    assertMember(e.count(), 0, MemberOutcome.CYCLE, -1, -1);
  }

  @Test
  void millionLongChainIsCountedWithoutRecursion() {
    int n = 1_000_000;
    Electorate e = new Electorate(n).max(n);
    for (int m = 0; m + 1 < n; m++) e.delegateOf[m] = m + 1;
    e.vote(n - 1);
    DelegationResult r = e.count();
    assertEquals(n, r.countedWeight(n - 1));
    assertEquals(n - 1, r.hops(0));
    // and a million-long cycle with nobody voting
    e.delegateOf[n - 1] = 0;
    e.voted[n - 1] = false;
    DelegationResult cycle = e.count();
    assertEquals(n, cycle.totalNotCounted());
    assertEquals(MemberOutcome.CYCLE, cycle.outcome(n / 2));
  }

  @Test
  void weightsAreFixedAtTheSnapshot() {
    long[] weights = {3, 4};
    WeightSnapshot snapshot = WeightSnapshot.of(100, weights);
    weights[0] = 1_000; // bought after the snapshot
    DelegationResult r = DelegationCounter.count(snapshot, new int[] {1, -1},
        new boolean[] {false, true}, new boolean[2], 5);
    assertEquals(7, r.countedWeight(1));
    assertEquals(100, snapshot.snapshotHeight());
  }

  @Test
  void countDoesNotChangeItsInputs() {
    Electorate e = new Electorate(4).delegate(0, 1, 2).delegate(3, 0).vote(2).refuse(1);
    int[] delegates = e.delegateOf.clone();
    e.count();
    assertArrayEquals(delegates, e.delegateOf);
  }

  @Test
  void weightsAtLongLimitsAreCheckedNotWrapped() {
    DelegationResult r = new Electorate(2).weight(0, Long.MAX_VALUE - 1).weight(1, 1)
        .delegate(0, 1).vote(1).count();
    assertEquals(Long.MAX_VALUE, r.countedWeight(1));
    assertEquals(Long.MAX_VALUE, r.totalCounted());
    assertThrows(ArithmeticException.class,
        () -> WeightSnapshot.of(1, new long[] {Long.MAX_VALUE, 1}));
    assertThrows(IllegalArgumentException.class, () -> WeightSnapshot.of(1, new long[] {-1}));
    assertEquals(0, WeightSnapshot.of(1, new long[] {0, 0}).total());
  }

  @Test
  void badInputsAreRejected() {
    WeightSnapshot two = WeightSnapshot.oneEach(1, 2);
    assertThrows(IllegalArgumentException.class, () -> DelegationCounter.count(two,
        new int[] {2, -1}, new boolean[2], new boolean[2], 1));
    assertThrows(IllegalArgumentException.class, () -> DelegationCounter.count(two,
        new int[] {-1}, new boolean[2], new boolean[2], 1));
    assertThrows(IllegalArgumentException.class, () -> DelegationCounter.count(two,
        new int[] {-1, -1}, new boolean[2], new boolean[2], -1));
  }

  @Test
  void emptyElectorateCountsNothing() {
    DelegationResult r = new Electorate(0).count();
    assertEquals(0, r.memberCount());
    assertTrue(r.totalCounted() == 0 && r.totalNotCounted() == 0);
  }
}
