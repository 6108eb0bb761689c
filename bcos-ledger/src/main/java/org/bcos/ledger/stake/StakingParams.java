package org.bcos.ledger.stake;

import java.util.List;
import java.util.function.ToLongFunction;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.ParamSpec.Unit;
import org.bcos.types.Amount;

/**
 * The staking chain parameters (docs/GOVERNANCE.md "Parameters"), and their values governing one
 * block. Introduced by {@link StakeModule#STAKING_VERSION}: in state only from the genesis of a
 * chain starting at it or from the first block of an upgrade to it.
 */
record StakingParams(long maxValidators, long unbondingPeriodBlocks, long maxUnbondingEntries,
    long minSelfBondUnits, long commissionChangeIntervalBlocks, long blockRewardUnits,
    long proposerBonusBasisPoints, long proposerSignedBonusBasisPoints, long downtimeWindowBlocks, long minSignedBasisPoints,
    long downtimeSlashBasisPoints, long downtimeJailBlocks) {
  private static final long DDC = Amount.UNITS_PER_DDC;

  static final ParamSpec MAX_VALIDATORS = spec("maxValidators", 1, 1_000, 100, Unit.COUNT,
      "Size of the active set: the top validators by bonded stake.");
  static final ParamSpec UNBONDING_PERIOD_BLOCKS = spec("unbondingPeriodBlocks", 1, 10_000_000,
      90_720, Unit.BLOCKS, "Blocks unbonded stake stays slashable before it is paid out.");
  static final ParamSpec MAX_UNBONDING_ENTRIES = spec("maxUnbondingEntries", 1, 100, 7,
      Unit.COUNT, "Unbonding (or redelegation) entries one bonder may have pending per validator.");
  static final ParamSpec MIN_SELF_BOND_UNITS = spec("minSelfBondUnits", DDC,
      Amount.TOTAL_SUPPLY_UNITS, DDC, Unit.BASE_UNITS, "Least stake an operator must bond to "
          + "its own validator to create it or be in the active set.");
  static final ParamSpec COMMISSION_CHANGE_INTERVAL_BLOCKS = spec(
      "commissionChangeIntervalBlocks", 0, 10_000_000, 8_640, Unit.BLOCKS,
      "Least blocks between two commission changes of one validator.");
  static final ParamSpec BLOCK_REWARD_UNITS = spec("blockRewardUnits", 0, 1_000_000 * DDC,
      100 * DDC, Unit.BASE_UNITS, "Paid from the reward pool to the validators of each block, "
          + "on top of its fees, while the pool lasts.");
  static final ParamSpec PROPOSER_BONUS_BASIS_POINTS = spec("proposerBonusBasisPoints", 0,
      1_000, 100, Unit.BASIS_POINTS, "Share of a block's rewards its proposer receives before "
          + "the rest is split by voting power.");
  static final ParamSpec PROPOSER_SIGNED_BONUS_BASIS_POINTS = spec(
      "proposerSignedBonusBasisPoints", 0, 1_000, 400, Unit.BASIS_POINTS, "Further share of a "
          + "block's rewards its proposer receives in proportion to the signed power of the "
          + "previous block's commit it includes.");
  static final ParamSpec DOWNTIME_WINDOW_BLOCKS = spec("downtimeWindowBlocks", 10, 1_000_000,
      10_000, Unit.BLOCKS, "Blocks over which a validator's missed precommits are counted.");
  static final ParamSpec MIN_SIGNED_BASIS_POINTS = spec("minSignedBasisPoints", 1, 10_000,
      5_000, Unit.BASIS_POINTS, "Share of the window a validator must sign to avoid the "
          + "downtime slash.");
  static final ParamSpec DOWNTIME_SLASH_BASIS_POINTS = spec("downtimeSlashBasisPoints", 0,
      10_000, 1, Unit.BASIS_POINTS, "Share of its stake a validator loses for downtime.");
  static final ParamSpec DOWNTIME_JAIL_BLOCKS = spec("downtimeJailBlocks", 1, 10_000_000, 60,
      Unit.BLOCKS, "Blocks a validator jailed for downtime waits before it may unjail.");

  /** Every staking parameter, in declaration order. */
  static final List<ParamSpec> ALL = List.of(MAX_VALIDATORS, UNBONDING_PERIOD_BLOCKS,
      MAX_UNBONDING_ENTRIES, MIN_SELF_BOND_UNITS, COMMISSION_CHANGE_INTERVAL_BLOCKS,
      BLOCK_REWARD_UNITS, PROPOSER_BONUS_BASIS_POINTS, PROPOSER_SIGNED_BONUS_BASIS_POINTS,
      DOWNTIME_WINDOW_BLOCKS,
      MIN_SIGNED_BASIS_POINTS, DOWNTIME_SLASH_BASIS_POINTS, DOWNTIME_JAIL_BLOCKS);

  /** The values {@code value} (a block's {@code TxContext::param}) gives. */
  static StakingParams read(ToLongFunction<String> value) {
    long[] v = ALL.stream().mapToLong(p -> value.applyAsLong(p.name())).toArray();
    return new StakingParams(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
        v[11]);
  }

  /** The values, in {@link #ALL} order. */
  long[] values() {
    return new long[] {maxValidators, unbondingPeriodBlocks, maxUnbondingEntries,
        minSelfBondUnits, commissionChangeIntervalBlocks, blockRewardUnits,
        proposerBonusBasisPoints, proposerSignedBonusBasisPoints, downtimeWindowBlocks, minSignedBasisPoints,
        downtimeSlashBasisPoints, downtimeJailBlocks};
  }

  /** Every parameter at its default. */
  static StakingParams defaults() {
    return read(name -> ALL.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow().genesisDefault());
  }

  private static ParamSpec spec(String name, long min, long max, long def, Unit unit,
      String doc) {
    return new ParamSpec(name, min, max, def, unit, doc).since(StakeModule.STAKING_VERSION);
  }
}
