package org.bcos.ledger.stake;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;

/**
 * Shares a block's rewards out exactly (docs/GOVERNANCE.md "Distribution"): a proposer bonus,
 * the rest pro rata to voting power, each validator's part split into its commission and its
 * bonders' reward-per-share accumulator. Every unit lands in a holding: a validator's commission
 * or outstanding rewards, or the community pool (division remainders, and parts for validators
 * without bonders).
 */
final class Distribution {
  private final StakingStore store;

  Distribution(StakingStore store) {
    this.store = store;
  }

  /**
   * Shares {@code units} (already taken out of their source by the caller) among the validators
   * of {@code set} (consensus keys), {@code bonusBasisPoints} of them first to the one signing
   * as {@code proposer}.
   */
  void distribute(long units, List<ValidatorPower> set, Address proposer, long bonusBasisPoints) {
    distributeWithBonus(units, set, proposer, StakeMath.ofBasisPoints(units, bonusBasisPoints));
  }

  /**
   * Shares {@code units} among the validators of {@code set}, {@code bonusUnits} of them (at most
   * {@code units}) first to the one signing as {@code proposer} when it is a member (else they
   * are split with the rest).
   */
  void distributeWithBonus(long units, List<ValidatorPower> set, Address proposer,
      long bonusUnits) {
    if (units == 0) return;
    if (bonusUnits < 0 || bonusUnits > units) {
      throw new IllegalArgumentException("bonus " + bonusUnits + " of " + units);
    }
    long bonus = isMember(set, proposer) ? bonusUnits : 0;
    if (bonus > 0) creditKey(proposer, bonus);
    long rest = units - bonus;
    long totalPower = 0;
    for (ValidatorPower v : set) totalPower = Math.addExact(totalPower, v.power());
    long paid = 0;
    for (ValidatorPower v : set) {
      long part = totalPower == 0 ? 0 : StakeMath.mulDivFloor(rest, v.power(), totalPower);
      if (part > 0) creditKey(v.address(), part);
      paid += part;
    }
    if (rest - paid > 0) store.addToPool(StakingStore.COMMUNITY_POOL_KEY, rest - paid);
  }

  /** Credits the validator signing with {@code consensusKey}, or the community pool. */
  private void creditKey(Address consensusKey, long units) {
    Optional<Address> operator = store.operatorOf(consensusKey);
    if (operator.isPresent()) {
      credit(operator.get(), units);
    } else {
      store.addToPool(StakingStore.COMMUNITY_POOL_KEY, units);
    }
  }

  /** Commission to the operator, the rest to the bonders' accumulator. */
  void credit(Address operator, long units) {
    Optional<StakingValidator> found = store.validator(operator);
    if (found.isEmpty() || found.get().shares() == 0) {
      store.addToPool(StakingStore.COMMUNITY_POOL_KEY, units);
      return;
    }
    StakingValidator v = found.get();
    long commission = StakeMath.ofBasisPoints(units, v.commission().rateBasisPoints());
    long toBonders = units - commission;
    store.putValidator(operator, v.withRewards(
        v.rewardPerShare().add(StakeMath.accIncrease(toBonders, v.shares())),
        Math.addExact(v.commissionUnits(), commission),
        Math.addExact(v.outstandingUnits(), toBonders)));
  }

  private static boolean isMember(List<ValidatorPower> set, Address key) {
    for (ValidatorPower v : set) {
      if (v.address().equals(key)) return true;
    }
    return false;
  }
}
