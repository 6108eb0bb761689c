package org.bcos.ledger.stake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The proposer bonus (Cosmos' base + bonus · signed fraction): exact floors of one division, the
 * base alone when nothing is signed or no set is known, at most base + bonus of the units.
 */
class ProposerBonusTest {
  @Test
  void theBonusGrowsWithTheSignedPowerIncluded() {
    assertEquals(50_000, StakeMath.proposerBonus(1_000_000, 100, 400, 10, 10), "all signed: 5 %");
    assertEquals(30_000, StakeMath.proposerBonus(1_000_000, 100, 400, 5, 10), "half: 3 %");
    assertEquals(10_000, StakeMath.proposerBonus(1_000_000, 100, 400, 0, 10), "none: the base");
    assertEquals(10_000, StakeMath.proposerBonus(1_000_000, 100, 400, 0, 0), "no set: the base");
  }

  @Test
  void theFractionIsRoundedOnceDownward() {
    // 7 · (100·3 + 400·2) / 30,000 = 7,700 / 30,000: floor 0, not 0 + 0 rounded apart
    assertEquals(0, StakeMath.proposerBonus(7, 100, 400, 2, 3));
    // 1,000,003 · (100·3 + 400·2) / 30,000 = 36,666.776...: 36,666
    assertEquals(36_666, StakeMath.proposerBonus(1_000_003, 100, 400, 2, 3));
  }

  @Test
  void extremeInputsStayExact() {
    long max = org.bcos.types.Amount.TOTAL_SUPPLY_UNITS;
    long power = max / org.bcos.types.Amount.UNITS_PER_DDC;
    assertEquals(max / 10_000 * 2_000, StakeMath.proposerBonus(max, 1_000, 1_000, power, power));
    assertEquals(0, StakeMath.proposerBonus(max, 0, 0, power, power));
    assertEquals(1, StakeMath.proposerBonus(10_000, 0, 1, power, power));
    assertEquals(0, StakeMath.proposerBonus(10_000, 0, 1, power - 1, power));
  }
}
