package org.bcos.ledger.gov;

import java.util.List;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.ParamSpec.Unit;
import org.bcos.types.Amount;

/**
 * The gov module's chain parameters (docs/GOVERNANCE.md "Proposals and votes"), introduced by
 * {@link GovModule#GOV_VERSION}; defaults for 10-second blocks.
 */
final class GovParams {
  private static final long DDC = Amount.UNITS_PER_DDC;

  static final ParamSpec MIN_DEPOSIT_UNITS = spec("govMinDepositUnits", DDC,
      Amount.TOTAL_SUPPLY_UNITS, 1_000 * DDC, Unit.BASE_UNITS,
      "Deposit a proposal needs before its vote opens.");
  static final ParamSpec MIN_INITIAL_DEPOSIT_BASIS_POINTS = spec(
      "govMinInitialDepositBasisPoints", 0, 10_000, 2_500, Unit.BASIS_POINTS,
      "Share of govMinDepositUnits the proposer must deposit when it submits (against spam).");
  static final ParamSpec DEPOSIT_PERIOD_BLOCKS = spec("govDepositPeriodBlocks", 1, 10_000_000,
      17_280, Unit.BLOCKS, "Blocks a proposal may gather deposits before it expires.");
  static final ParamSpec VOTING_PERIOD_BLOCKS = spec("govVotingPeriodBlocks", 1, 10_000_000,
      17_280, Unit.BLOCKS, "Blocks a proposal's vote stays open.");
  static final ParamSpec QUORUM_BASIS_POINTS = spec("govQuorumBasisPoints", 0, 10_000, 3_340,
      Unit.BASIS_POINTS, "Share of the bonded stake that must take part (directly or through "
          + "delegation) for a vote to count.");
  static final ParamSpec THRESHOLD_BASIS_POINTS = spec("govThresholdBasisPoints", 0, 9_999,
      5_000, Unit.BASIS_POINTS, "Share of yes in yes + no that a proposal must exceed to pass.");
  static final ParamSpec VETO_BASIS_POINTS = spec("govVetoBasisPoints", 1, 10_000, 3_340,
      Unit.BASIS_POINTS, "Share of veto in all counted weight above which a proposal is vetoed "
          + "and its deposits go to the community pool.");
  static final ParamSpec UPGRADE_MIN_LEAD_BLOCKS = spec("govUpgradeMinLeadBlocks", 1,
      1_000_000, 8_640, Unit.BLOCKS, "Least blocks between the end of an upgrade's vote and its "
          + "activation height, for operators to install the release.");
  static final ParamSpec VALIDATOR_DEFAULT_DELEGATION = spec("govValidatorDefaultDelegation", 0,
      1, 1, Unit.COUNT, "1: a bonder's vote follows its validator's unless it votes or "
          + "delegates itself; 0: a bonder who does neither is not counted.");

  static final List<ParamSpec> ALL = List.of(MIN_DEPOSIT_UNITS, MIN_INITIAL_DEPOSIT_BASIS_POINTS,
      DEPOSIT_PERIOD_BLOCKS, VOTING_PERIOD_BLOCKS, QUORUM_BASIS_POINTS, THRESHOLD_BASIS_POINTS,
      VETO_BASIS_POINTS, UPGRADE_MIN_LEAD_BLOCKS, VALIDATOR_DEFAULT_DELEGATION);

  private GovParams() {}

  private static ParamSpec spec(String name, long min, long max, long def, Unit unit,
      String doc) {
    return new ParamSpec(name, min, max, def, unit, doc).since(GovModule.GOV_VERSION);
  }
}
