package org.bcos.ledger.stake;

import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.Delegation;
import org.bcos.ledger.stake.api.RedelegationEntry;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.UnbondingEntry;
import org.bcos.types.Address;
import org.bcos.types.Amount;

/**
 * Bonds, unbonds, redelegates and withdraws over one block's state (docs/GOVERNANCE.md "Model").
 * Each operation checks everything first and returns a named rejection having written nothing;
 * only then does it write. Any change of a delegation first pays the bonder its pending reward.
 */
final class Bonding {
  private final StakingStore store;
  private final Bank bank;
  private final StakingParams params;
  private final long height;

  Bonding(StakingStore store, Bank bank, StakingParams params, long height) {
    this.store = store;
    this.bank = bank;
    this.params = params;
    this.height = height;
  }

  /** Bonds {@code units} of {@code bonder}'s balance, keeping {@code reserve} (its fee) liquid. */
  Verdict bond(Address bonder, Address operator, long units, long reserve) {
    if (units <= 0) return Verdict.reject(StakingRejection.STAKE_NOT_POSITIVE, "");
    Optional<StakingValidator> found = store.validator(operator);
    if (found.isEmpty()) return noValidator(operator);
    StakingValidator v = found.get();
    long balance = bank.balance(bonder);
    if (balance < units || balance - units < reserve) {
      return Verdict.reject(StakingRejection.BOND_EXCEEDS_BALANCE, "needs "
          + Amount.format(units) + " DDC plus the fee, has " + Amount.format(balance) + " DDC");
    }
    long minted = mintable(v, units);
    if (minted <= 0) return refuseMint(minted, operator);
    v = settle(bonder, operator, v);
    bank.debit(bonder, units);
    addShares(bonder, operator, v.withBond(v.tokens() + units, v.shares() + minted), minted);
    return Verdict.OK;
  }

  /** Moves {@code units} of {@code bonder}'s bond into an unbonding entry. */
  Verdict unbond(Address bonder, Address operator, long units) {
    Verdict refused = checkTakeOut(bonder, operator, units);
    if (!refused.ok()) return refused;
    if (store.unbondings(operator, bonder).size() >= params.maxUnbondingEntries()
        && store.unbonding(StakingStore.unbondingKey(operator, bonder, height)).isEmpty()) {
      return Verdict.reject(StakingRejection.TOO_MANY_UNBONDING_ENTRIES,
          "at most " + params.maxUnbondingEntries());
    }
    takeOut(bonder, operator, units);
    byte[] key = StakingStore.unbondingKey(operator, bonder, height);
    long completion = Math.addExact(height, params.unbondingPeriodBlocks());
    UnbondingEntry merged = store.unbonding(key)
        .map(e -> new UnbondingEntry(completion, Math.addExact(e.initialUnits(), units),
            Math.addExact(e.balanceUnits(), units)))
        .orElse(new UnbondingEntry(completion, units, units));
    store.putUnbonding(key, merged);
    return Verdict.OK;
  }

  /** Moves {@code units} of {@code bonder}'s bond from {@code source} to {@code destination}. */
  Verdict redelegate(Address bonder, Address source, Address destination, long units) {
    if (source.equals(destination)) {
      return Verdict.reject(StakingRejection.REDELEGATION_TO_SELF, "");
    }
    Verdict refused = checkTakeOut(bonder, source, units);
    if (!refused.ok()) return refused;
    Optional<StakingValidator> dst = store.validator(destination);
    if (dst.isEmpty()) return noValidator(destination);
    if (store.hasIncomingRedelegation(bonder, source)) {
      return Verdict.reject(StakingRejection.REDELEGATION_TRANSITIVE, source.toString());
    }
    if (store.redelegationsFrom(source, bonder).size() >= params.maxUnbondingEntries()
        && store.redelegation(StakingStore.redelegationKey(source, bonder, destination, height))
            .isEmpty()) {
      return Verdict.reject(StakingRejection.TOO_MANY_UNBONDING_ENTRIES,
          "at most " + params.maxUnbondingEntries());
    }
    StakingValidator d = dst.get();
    long minted = mintable(d, units);
    if (minted <= 0) return refuseMint(minted, destination);
    takeOut(bonder, source, units);
    d = settle(bonder, destination, store.validator(destination).orElseThrow());
    addShares(bonder, destination, d.withBond(d.tokens() + units, d.shares() + minted), minted);
    byte[] key = StakingStore.redelegationKey(source, bonder, destination, height);
    long completion = Math.addExact(height, params.unbondingPeriodBlocks());
    RedelegationEntry merged = store.redelegation(key)
        .map(e -> new RedelegationEntry(completion, Math.addExact(e.initialUnits(), units),
            Math.addExact(e.destinationShares(), minted)))
        .orElse(new RedelegationEntry(completion, units, minted));
    store.putRedelegation(key, merged);
    return Verdict.OK;
  }

  /** Pays {@code bonder} its pending reward from {@code operator} (and commission, if it operates it). */
  Verdict withdraw(Address bonder, Address operator) {
    Optional<StakingValidator> found = store.validator(operator);
    if (found.isEmpty()) return noValidator(operator);
    Optional<Delegation> d = store.delegation(bonder, operator);
    StakingValidator v = found.get();
    long commission = bonder.equals(operator) ? v.commissionUnits() : 0;
    if (d.isEmpty() && commission == 0) {
      return Verdict.reject(StakingRejection.NO_SUCH_DELEGATION, operator.toString());
    }
    long pending = d.map(x -> StakeMath.pending(x.shares(), v.rewardPerShare(),
        x.rewardPerShareStart())).orElse(0L);
    if (pending == 0 && commission == 0) {
      return Verdict.reject(StakingRejection.NOTHING_TO_WITHDRAW, "");
    }
    StakingValidator settled = settle(bonder, operator, v);
    if (commission > 0) {
      bank.credit(bonder, commission);
      settled = settled.withRewards(settled.rewardPerShare(), 0, settled.outstandingUnits());
    }
    store.putValidator(operator, settled);
    return Verdict.OK;
  }

  /** Pays out the unbonding entries completing at this height; redelegation entries expire. */
  void matureEntries() {
    for (Map.Entry<Integer, byte[]> q : store.maturingAt(height)) {
      byte[] key = q.getValue();
      if (q.getKey() == StakingStore.KIND_UNBONDING) {
        UnbondingEntry e = store.unbonding(key).orElseThrow();
        if (e.balanceUnits() > 0) bank.credit(StakingStore.addressAt(key, 32), e.balanceUnits());
        store.deleteUnbonding(key, height);
      } else {
        store.deleteRedelegation(key, height);
      }
    }
  }

  /** The units {@code bonder}'s shares in {@code operator} are worth now. */
  long bondOf(Address bonder, Address operator) {
    Optional<StakingValidator> v = store.validator(operator);
    Optional<Delegation> d = store.delegation(bonder, operator);
    if (v.isEmpty() || d.isEmpty()) return 0;
    return StakeMath.tokensOf(d.get().shares(), v.get().tokens(), v.get().shares());
  }

  // --- checks and writes shared by unbond and redelegate ---

  private Verdict checkTakeOut(Address bonder, Address operator, long units) {
    if (units <= 0) return Verdict.reject(StakingRejection.STAKE_NOT_POSITIVE, "");
    Optional<StakingValidator> found = store.validator(operator);
    if (found.isEmpty()) return noValidator(operator);
    if (store.delegation(bonder, operator).isEmpty()) {
      return Verdict.reject(StakingRejection.NO_SUCH_DELEGATION, operator.toString());
    }
    long worth = bondOf(bonder, operator);
    if (units > worth) {
      return Verdict.reject(StakingRejection.UNBOND_EXCEEDS_BONDED, "bonded "
          + Amount.format(worth) + " DDC, asked " + Amount.format(units) + " DDC");
    }
    long left = worth - units;
    if (bonder.equals(operator) && left > 0 && left < params.minSelfBondUnits()
        && !found.get().jailed()) {
      return Verdict.reject(StakingRejection.SELF_BOND_TOO_SMALL, "would leave "
          + Amount.format(left) + " DDC; unbond all of it, or keep at least "
          + Amount.format(params.minSelfBondUnits()) + " DDC");
    }
    return Verdict.OK;
  }

  /** Burns the shares worth {@code units} (all of them for the whole bond); checked before. */
  private void takeOut(Address bonder, Address operator, long units) {
    StakingValidator v = settle(bonder, operator, store.validator(operator).orElseThrow());
    Delegation d = store.delegation(bonder, operator).orElseThrow();
    long worth = StakeMath.tokensOf(d.shares(), v.tokens(), v.shares());
    long burn = units == worth ? d.shares()
        : Math.min(d.shares(), StakeMath.sharesToBurn(units, v.tokens(), v.shares()));
    long sharesLeft = d.shares() - burn;
    store.putDelegation(bonder, operator, sharesLeft == 0 ? Optional.empty()
        : Optional.of(new Delegation(sharesLeft, v.rewardPerShare())));
    store.putValidator(operator, releaseDust(v.withBond(v.tokens() - units, v.shares() - burn)));
  }

  private void addShares(Address bonder, Address operator, StakingValidator v, long minted) {
    long own = store.delegation(bonder, operator).map(Delegation::shares).orElse(0L);
    store.putDelegation(bonder, operator,
        Optional.of(new Delegation(Math.addExact(own, minted), v.rewardPerShare())));
    store.putValidator(operator, v);
  }

  /**
   * Pays {@code bonder}'s pending reward out of {@code v}'s outstanding rewards and restarts its
   * delegation at the current accumulator; returns (and stores) the validator after it.
   */
  StakingValidator settle(Address bonder, Address operator, StakingValidator v) {
    Optional<Delegation> d = store.delegation(bonder, operator);
    if (d.isEmpty()) return v;
    long pending = StakeMath.pending(d.get().shares(), v.rewardPerShare(),
        d.get().rewardPerShareStart());
    StakingValidator after = v.withRewards(v.rewardPerShare(), v.commissionUnits(),
        Math.subtractExact(v.outstandingUnits(), pending));
    if (pending > 0) bank.credit(bonder, pending);
    store.putDelegation(bonder, operator,
        Optional.of(new Delegation(d.get().shares(), v.rewardPerShare())));
    store.putValidator(operator, after);
    return after;
  }

  /**
   * A validator whose last share is gone keeps nothing that belongs to no one: stray tokens
   * (rounding after slashes) and rewards dust go to the community pool.
   */
  StakingValidator releaseDust(StakingValidator v) {
    if (v.shares() > 0) return v;
    long dust = Math.addExact(v.tokens(), v.outstandingUnits());
    if (dust > 0) store.addToPool(StakingStore.COMMUNITY_POOL_KEY, dust);
    return v.withBond(0, 0).withRewards(v.rewardPerShare(), v.commissionUnits(), 0);
  }

  /**
   * Shares {@code units} buy in {@code v}: 0 when too few to buy one, -1 when {@code v} cannot
   * take them (tombstoned, slashed to nothing, or its shares or tokens would overflow).
   */
  private static long mintable(StakingValidator v, long units) {
    if (v.tombstoned() || (v.shares() > 0 && v.tokens() == 0)) return -1;
    try {
      long minted = StakeMath.sharesFor(units, v.tokens(), v.shares());
      Math.addExact(v.shares(), minted);
      Math.addExact(v.tokens(), units);
      return minted;
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static Verdict refuseMint(long minted, Address operator) {
    return minted == 0
        ? Verdict.reject(StakingRejection.STAKE_NOT_POSITIVE, "too small to buy one share")
        : Verdict.reject(StakingRejection.VALIDATOR_UNUSABLE, operator.toString());
  }

  private static Verdict noValidator(Address operator) {
    return Verdict.reject(StakingRejection.NO_SUCH_VALIDATOR, operator.toString());
  }
}
