package org.bcos.ledger.stake;

import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.stake.api.Delegation;
import org.bcos.ledger.stake.api.RedelegationEntry;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.UnbondingEntry;
import org.bcos.types.Address;

/**
 * Slashes a validator for an offence at an earlier height as Cosmos {@code x/staking} Slash
 * does (docs/GOVERNANCE.md "Model"): the amount is the fraction of its stake <em>at the
 * offence</em>; it is taken first from its unbonding entries and the destination shares of its
 * redelegations created after the offence (those units were bonded when it happened, each
 * losing the fraction of what it moved), and the rest from its tokens now (at most all of them).
 * Bonders who joined after the offence lose only through the tokens part. What is taken goes to
 * the slashed pool, so no unit is created or lost.
 */
final class Slashing {
  private final StakingStore store;
  private final Bonding bonding;
  private final long height;

  Slashing(StakingStore store, Bonding bonding, long height) {
    this.store = store;
    this.bonding = bonding;
    this.height = height;
  }

  /**
   * Slashes {@code basisPoints} of {@code stakeAtOffence} (the units bonded to the validator at
   * {@code offenceHeight}); returns the units taken.
   */
  long slash(Address operator, long offenceHeight, long basisPoints, long stakeAtOffence) {
    long amount = StakeMath.ofBasisPoints(stakeAtOffence, basisPoints);
    long taken = 0;
    for (Map.Entry<byte[], UnbondingEntry> e : store.unbondingsFrom(operator)) {
      taken = Math.addExact(taken, slashUnbonding(e.getKey(), e.getValue(), offenceHeight,
          basisPoints));
    }
    for (Map.Entry<byte[], RedelegationEntry> e : store.redelegationsFrom(operator)) {
      taken = Math.addExact(taken, slashRedelegation(e.getKey(), e.getValue(), offenceHeight,
          basisPoints));
    }
    StakingValidator v = store.validator(operator).orElseThrow();
    long fromTokens = Math.min(Math.max(0, amount - taken), v.tokens());
    store.putValidator(operator, v.withBond(v.tokens() - fromTokens, v.shares()));
    taken = Math.addExact(taken, fromTokens);
    if (taken > 0) store.addToPool(StakeSchema.SLASHED_KEY, taken);
    return taken;
  }

  private long slashUnbonding(byte[] key, UnbondingEntry e, long offenceHeight, long bp) {
    if (StakingStore.creationHeightOf(key) <= offenceHeight || e.completionHeight() <= height) {
      return 0;
    }
    long cut = Math.min(StakeMath.ofBasisPoints(e.initialUnits(), bp), e.balanceUnits());
    if (cut > 0) store.putUnbonding(key, e.withBalance(e.balanceUnits() - cut));
    return cut;
  }

  /**
   * Burns the destination shares worth the slash's fraction of what the entry moved (at most the
   * shares the entry created and the bonder still holds there).
   */
  private long slashRedelegation(byte[] key, RedelegationEntry e, long offenceHeight, long bp) {
    if (StakingStore.creationHeightOf(key) <= offenceHeight || e.completionHeight() <= height) {
      return 0;
    }
    Address bonder = StakingStore.addressAt(key, 33);
    Address destination = StakingStore.addressAt(key, 65);
    StakingValidator dst = store.validator(destination).orElseThrow();
    Optional<Delegation> d = store.delegation(bonder, destination);
    long cut = StakeMath.ofBasisPoints(e.initialUnits(), bp);
    if (d.isEmpty() || cut == 0 || dst.tokens() == 0) return 0;
    long burn = Math.min(Math.min(StakeMath.sharesToBurn(cut, dst.tokens(), dst.shares()),
        e.destinationShares()), d.get().shares());
    long units = StakeMath.tokensOf(burn, dst.tokens(), dst.shares());
    dst = bonding.settle(bonder, destination, dst);
    long left = d.get().shares() - burn;
    store.putDelegation(bonder, destination, left == 0 ? Optional.empty()
        : Optional.of(new Delegation(left, dst.rewardPerShare())));
    store.putValidator(destination, bonding.releaseDust(
        dst.withBond(dst.tokens() - units, dst.shares() - burn)));
    store.putRedelegation(key, e.withDestinationShares(e.destinationShares() - burn));
    return units;
  }
}
