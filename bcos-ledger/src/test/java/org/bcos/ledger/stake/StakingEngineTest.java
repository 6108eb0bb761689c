package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakingWorld.DDC;
import static org.bcos.ledger.stake.StakingWorld.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.tx.Rejection;
import org.junit.jupiter.api.Test;

/**
 * The staking engine's rules at their edges, on exact numbers: rounding, commission, the
 * community pool, slashing of unbonding and redelegated stake, and refusals that change nothing.
 */
class StakingEngineTest {
  private final StakingWorld w = new StakingWorld(StakingParams.defaults());
  private final Address v0 = holder(0);
  private final Address v1 = holder(1);
  private final Address alice = holder(3);

  StakingEngineTest() {
    w.addValidator(v0, 1_000); // 10 % commission
    w.addValidator(v1, 0);
  }

  private void assertRefused(Verdict v, Rejection reason, int changesBefore) {
    assertEquals(reason, v.rejection(), v.message());
    assertEquals(changesBefore, w.state.changeCount(), "a refusal writes nothing");
  }

  @Test
  void rewardSplitsCommissionAndSharesExactly() {
    w.bonding().bond(v0, v0, 100 * DDC, 0);
    w.bonding().bond(alice, v0, 300 * DDC, 0);
    // 1,001 units: 100 commission (floor of 10 %), 901 to 400 DDC of shares
    w.distribution().credit(v0, 1_001);
    StakingValidator v = w.store.validator(v0).orElseThrow();
    assertEquals(100, v.commissionUnits());
    assertEquals(901, v.outstandingUnits());
    long aliceShare = StakeMath.pending(w.delegation(alice, v0).orElseThrow().shares(),
        v.rewardPerShare(), w.delegation(alice, v0).orElseThrow().rewardPerShareStart());
    assertEquals(675, aliceShare, "floor(901 * 3 / 4)");
    assertEquals(225, w.pendingOf(v0) - aliceShare, "floor(901 / 4)");
    // the one unit of dust stays outstanding until the last share goes
    w.bonding().unbond(alice, v0, 300 * DDC);
    w.bonding().unbond(v0, v0, 100 * DDC);
    assertEquals(0, w.store.validator(v0).orElseThrow().outstandingUnits());
    assertEquals(1, w.store.pool(StakingStore.COMMUNITY_POOL_KEY), "dust to the community pool");
  }

  @Test
  void distributionRemainderAndBonusAreAccountedFor() {
    w.bonding().bond(v0, v0, 2 * DDC, 0);
    w.bonding().bond(v1, v1, DDC, 0);
    List<ValidatorPower> set = List.of(new ValidatorPower(v0, 2), new ValidatorPower(v1, 1));
    long before = w.rewardHoldings();
    // bonus 1 % of 1,000 = 10 to v1; 990 split 2:1 = 660 + 330, no remainder
    w.distribution().distribute(1_000, set, v1, 100);
    assertEquals(66, w.store.validator(v0).orElseThrow().commissionUnits(), "10 % of 660");
    assertEquals(594, w.store.validator(v0).orElseThrow().outstandingUnits());
    assertEquals(340, w.store.validator(v1).orElseThrow().outstandingUnits());
    w.distribution().distribute(1_001, set, holder(5), 100);
    assertEquals(before + 2_001, w.rewardHoldings());
    assertEquals(1, w.store.pool(StakingStore.COMMUNITY_POOL_KEY),
        "667 + 333 of 1,001 leaves 1; a proposer outside the set earns no bonus");
  }

  @Test
  void withdrawWithNothingPendingIsRefused() {
    w.bonding().bond(alice, v1, DDC, 0);
    int changes = w.state.changeCount();
    assertRefused(w.bonding().withdraw(alice, v1), StakingRejection.NOTHING_TO_WITHDRAW, changes);
    assertRefused(w.bonding().withdraw(holder(4), v1), StakingRejection.NO_SUCH_DELEGATION,
        changes);
  }

  @Test
  void refusalsOfBondUnbondRedelegateWriteNothing() {
    w.bonding().bond(alice, v0, 10 * DDC, 0);
    int changes = w.state.changeCount();
    long balance = w.bank.balance(alice);
    assertRefused(w.bonding().bond(alice, v0, balance, 1), StakingRejection.BOND_EXCEEDS_BALANCE,
        changes);
    assertRefused(w.bonding().bond(alice, v0, balance + 1, 0),
        StakingRejection.BOND_EXCEEDS_BALANCE, changes);
    assertRefused(w.bonding().unbond(alice, v0, 10 * DDC + 1),
        StakingRejection.UNBOND_EXCEEDS_BONDED, changes);
    assertRefused(w.bonding().redelegate(alice, v0, v0, DDC),
        StakingRejection.REDELEGATION_TO_SELF, changes);
    assertRefused(w.bonding().redelegate(alice, v0, holder(5), DDC),
        StakingRejection.NO_SUCH_VALIDATOR, changes);
    w.bonding().bond(v0, v0, 2 * DDC, 0);
    changes = w.state.changeCount();
    assertRefused(w.bonding().unbond(v0, v0, DDC + 1), StakingRejection.SELF_BOND_TOO_SMALL,
        changes);
  }

  @Test
  void unbondingEntriesAreLimitedPerPair() {
    StakingWorld small = new StakingWorld(new StakingParams(10, 5, 2, DDC, 0, 0, 0, 0, 100,
        5_000, 1, 10));
    small.addValidator(v0, 0);
    small.bonding().bond(alice, v0, 10 * DDC, 0);
    small.bonding().unbond(alice, v0, DDC);
    small.bonding().unbond(alice, v0, DDC); // same height: merged into one entry
    small.height++;
    small.bonding().unbond(alice, v0, DDC);
    small.height++;
    int changes = small.state.changeCount();
    Verdict v = small.bonding().unbond(alice, v0, DDC);
    assertEquals(StakingRejection.TOO_MANY_UNBONDING_ENTRIES, v.rejection());
    assertEquals(changes, small.state.changeCount());
  }

  @Test
  void slashTakesFromUnbondingAndRedelegatedStakeCreatedAfterTheOffence() {
    w.bonding().bond(v0, v0, 100 * DDC, 0);
    w.bonding().bond(v1, v1, 100 * DDC, 0);
    w.bonding().bond(alice, v0, 100 * DDC, 0);
    w.height = 10;
    w.bonding().unbond(alice, v0, 20 * DDC);
    w.bonding().redelegate(alice, v0, v1, 30 * DDC);
    long supply = w.supply();
    // offence at 9, when 200 DDC were bonded: 10 % = 20 DDC, 2 from the 20 unbonding, 3 from
    // the 30 moved (10 % of each), the other 15 from the 150 DDC still bonded
    long taken = w.slashing().slash(v0, 9, 1_000, 200 * DDC);
    assertEquals(15 * DDC + 2 * DDC + 3 * DDC, taken);
    assertEquals(135 * DDC, w.store.validator(v0).orElseThrow().tokens());
    assertEquals(18 * DDC, w.unbondingBalances());
    assertEquals(27 * DDC, w.bonding().bondOf(alice, v1));
    assertEquals(127 * DDC, w.store.validator(v1).orElseThrow().tokens());
    assertEquals(supply, w.supply(), "what is taken is in the slashed pool");
    // an offence at 10 (the entries' height) does not reach them
    long again = w.slashing().slash(v0, 10, 1_000, 135 * DDC);
    assertEquals(StakeMath.ofBasisPoints(135 * DDC, 1_000), again);
    assertTrue(w.unbondingBalances() == 18 * DDC && w.bonding().bondOf(alice, v1) == 27 * DDC);
  }

  @Test
  void slashNeverTakesMoreThanTheTokensLeft() {
    w.bonding().bond(v0, v0, 10 * DDC, 0);
    // 50 % of a stake of 100 DDC at the offence, but only 10 DDC are bonded now
    assertEquals(10 * DDC, w.slashing().slash(v0, 0, 5_000, 100 * DDC));
    assertEquals(0, w.store.validator(v0).orElseThrow().tokens());
    assertEquals(StakingRejection.VALIDATOR_UNUSABLE,
        w.bonding().bond(alice, v0, DDC, 0).rejection(), "slashed to nothing: no new bonds");
  }
}
