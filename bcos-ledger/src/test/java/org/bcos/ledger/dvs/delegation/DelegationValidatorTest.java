package org.bcos.ledger.dvs.delegation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DelegationValidatorTest {
  private static Optional<DelegationProblem> check(Electorate e, int from, int to) {
    return DelegationValidator.check(from, to, DelegationView.of(e.delegateOf, e.refuses),
        e.maxChainLength);
  }

  @Test
  void selfDelegationIsRejected() {
    assertEquals(Optional.of(DelegationProblem.SELF_DELEGATION), check(new Electorate(3), 1, 1));
  }

  @Test
  void delegationToRefusingMemberIsRejected() {
    assertEquals(Optional.of(DelegationProblem.DELEGATE_REFUSES),
        check(new Electorate(3).refuse(2), 0, 2));
  }

  @Test
  void nonMembersAreRejected() {
    Electorate e = new Electorate(3);
    assertEquals(Optional.of(DelegationProblem.DELEGATE_NOT_MEMBER), check(e, 0, -1));
    assertEquals(Optional.of(DelegationProblem.DELEGATE_NOT_MEMBER), check(e, 0, 3));
    assertEquals(Optional.of(DelegationProblem.DELEGATOR_NOT_MEMBER), check(e, -1, 0));
  }

  @Test
  void chainAtLimitIsAcceptedAndOneBeyondRejected() {
    // 1 → 2 → 3: delegating 0 → 1 makes a 3-hop chain
    Electorate e = new Electorate(5).delegate(1, 2, 3);
    assertEquals(Optional.empty(), check(e.max(3), 0, 1));
    assertEquals(Optional.of(DelegationProblem.CHAIN_TOO_LONG), check(e.max(2), 0, 1));
    assertEquals(Optional.empty(), check(e.max(1), 0, 3));
    assertEquals(Optional.of(DelegationProblem.CHAIN_TOO_LONG), check(e.max(0), 0, 3));
  }

  @Test
  void chainStopsAtRefusingMember() {
    // 1 → 2 (refuses) → 3 → 4: 0's weight would stop at 1, one hop
    Electorate e = new Electorate(5).delegate(1, 2, 3, 4).refuse(2).max(1);
    assertEquals(Optional.empty(), check(e, 0, 1));
  }

  @Test
  void closingACycleIsAllowed() {
    // 1 → 2 → 0; 0 → 1 closes the cycle 0 → 1 → 2 → 0
    Electorate e = new Electorate(3).delegate(1, 2, 0).max(2);
    assertEquals(Optional.empty(), check(e, 0, 1));
  }

  @Test
  void existingCycleCountsEachMemberOnce() {
    // 1 → 2 → 3 → 1: from 0 the chain reaches 3 distinct members
    Electorate e = new Electorate(4).delegate(1, 2, 3, 1);
    assertEquals(Optional.empty(), check(e.max(3), 0, 1));
    assertEquals(Optional.of(DelegationProblem.CHAIN_TOO_LONG), check(e.max(2), 0, 1));
  }

  @Test
  void limitOutsideCeilingIsABug() {
    Electorate e = new Electorate(2);
    assertThrows(IllegalArgumentException.class,
        () -> check(e.max(DelegationValidator.MAX_CHAIN_LENGTH_CEILING + 1), 0, 1));
    assertThrows(IllegalArgumentException.class, () -> check(e.max(-1), 0, 1));
  }
}
