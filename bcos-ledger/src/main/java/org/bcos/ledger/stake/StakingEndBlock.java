package org.bcos.ledger.stake;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Digests;

/**
 * The staking chain's end of block (maturity, rewards, the active set) and its double-sign
 * slash. Fees of the block have collected in {@link #FEE_COLLECTOR}; they and the block reward
 * (while the reward pool lasts) are shared out over the set that governed the block.
 */
final class StakingEndBlock {
  /**
   * The account fees collect in on a staking chain: a domain hash, not a public key anyone holds
   * the secret of, so only this module moves its balance.
   */
  static final Address FEE_COLLECTOR = Address.wrap(Digests.domain("BCOS/module-account/v1",
      "stake/fees".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toBytes());

  private StakingEndBlock() {}

  static EndBlockEffects run(TxContext ctx) {
    StakingParams params = StakingHandlers.params(ctx);
    StakingStore store = new StakingStore(ctx.state());
    Bank bank = ctx.api(Bank.class);
    Bonding bonding = new Bonding(store, bank, params, ctx.height());
    bonding.matureEntries();
    if (ctx.height() >= 2 && ctx.lastCommitSigners().isPresent()) {
      countSignatures(ctx, store, bonding, params, ctx.lastCommitSigners().get());
    }
    long fees = bank.balance(FEE_COLLECTOR);
    if (fees > 0 && !bank.debit(FEE_COLLECTOR, fees)) throw new IllegalStateException("fees");
    long reward = Math.min(params.blockRewardUnits(), store.pool(StakingStore.REWARD_POOL_KEY));
    if (reward > 0) store.takeFromPool(StakingStore.REWARD_POOL_KEY, reward);
    long units = Math.addExact(fees, reward);
    new Distribution(store).distributeWithBonus(units, ctx.validatorSetAt(ctx.height()),
        ctx.proposer(), proposerBonus(ctx, params, units));
    return newSet(ctx, store, bonding, params);
  }

  /**
   * The proposer's bonus out of {@code units}: {@code proposerBonusBasisPoints}, plus {@code
   * proposerSignedBonusBasisPoints} times the share of the previous block's set power whose
   * signatures the block carries (so leaving out signatures it holds costs the proposer; none
   * carried, as in block 1, counts as none signed).
   */
  static long proposerBonus(TxContext ctx, StakingParams params, long units) {
    long total = 0;
    long signed = 0;
    java.util.Set<Address> signers = ctx.lastCommitSigners()
        .orElse(java.util.Collections.emptySortedSet());
    if (ctx.height() >= 2) {
      for (ValidatorPower v : ctx.validatorSetAt(ctx.height() - 1)) {
        total = Math.addExact(total, v.power());
        if (signers.contains(v.address())) signed = Math.addExact(signed, v.power());
      }
    }
    return StakeMath.proposerBonus(units, params.proposerBonusBasisPoints(),
        params.proposerSignedBonusBasisPoints(), signed, total);
  }

  /**
   * Downtime: counts the previous block's signers against the set that governed it, and slashes
   * and jails each validator now down (the offence is at the previous height).
   */
  private static void countSignatures(TxContext ctx, StakingStore store, Bonding bonding,
      StakingParams params, java.util.Set<Address> signers) {
    long previous = ctx.height() - 1;
    for (Address key : new Downtime(store, params).record(ctx.validatorSetAt(previous),
        signers)) {
      Optional<Address> operator = store.operatorOf(key);
      Optional<StakingValidator> v = operator.flatMap(store::validator);
      if (v.isEmpty() || v.get().jailed()) continue;
      new Slashing(store, bonding, ctx.height()).slash(operator.get(), previous,
          params.downtimeSlashBasisPoints(), stakeAt(ctx, key, previous, v.get()));
      StakingValidator after = store.validator(operator.get()).orElseThrow();
      store.putValidator(operator.get(), after.withJail(true,
          Math.addExact(ctx.height(), params.downtimeJailBlocks()), false));
    }
  }

  /**
   * The stake of the validator signing with {@code key} at {@code height}: its power in the set
   * that governed that height, in units (whole DDC, as sets record it), or its tokens now when it
   * was not in that set.
   */
  private static long stakeAt(TxContext ctx, Address key, long height, StakingValidator now) {
    for (ValidatorPower p : ctx.validatorSetAt(height)) {
      if (p.address().equals(key)) return Math.multiplyExact(p.power(), Amount.UNITS_PER_DDC);
    }
    return now.tokens();
  }

  /** The active set when it differs from the last one recorded (never an empty one). */
  private static EndBlockEffects newSet(TxContext ctx, StakingStore store, Bonding bonding,
      StakingParams params) {
    List<ValidatorPower> set = ActiveSet.of(store, bonding, params);
    // an empty set would halt the chain: the last set stays until a validator qualifies again
    if (set.isEmpty()
        || set.equals(ctx.validatorSetAt(ctx.height() + ValidatorSets.ACTIVATION_DELAY))) {
      return EndBlockEffects.NONE;
    }
    new StakeStore(ctx.state()).recordSetChange(ctx.height(), set);
    return EndBlockEffects.validatorSet(set);
  }

  /**
   * Slashes {@code offence}'s validator {@code slashPercent} (its tokens and its entries created
   * after the offence), jails and tombstones it; the block's end takes it out of the set.
   */
  static Verdict slashDoubleSign(TxContext ctx, EvidenceCheck.Offence offence) {
    StakingStore store = new StakingStore(ctx.state());
    Optional<Address> operator = store.operatorOf(offence.offender());
    Optional<StakingValidator> v = operator.flatMap(store::validator);
    if (v.isEmpty() || v.get().tombstoned()) {
      return Verdict.reject(StakeRejection.OFFENDER_NOT_ACTIVE, offence.offender().toString());
    }
    if (ctx.validatorSetAt(ctx.height()).size() <= 1) {
      return Verdict.reject(StakeRejection.LAST_VALIDATOR, "");
    }
    StakingParams params = StakingHandlers.params(ctx);
    Bonding bonding = new Bonding(store, ctx.api(Bank.class), params, ctx.height());
    long basisPoints = ctx.param(StakeModule.SLASH_PERCENT.name()) * 100;
    new Slashing(store, bonding, ctx.height()).slash(operator.get(), offence.height(),
        basisPoints, stakeAt(ctx, offence.offender(), offence.height(), v.get()));
    StakingValidator after = store.validator(operator.get()).orElseThrow();
    store.putValidator(operator.get(), after.withJail(true, Long.MAX_VALUE, true));
    return Verdict.OK;
  }
}
