package org.bcos.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bcos.consensus.sim.Scenario;
import org.bcos.consensus.sim.Simulation;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Digests;

/**
 * The chain every node of a simulated run starts from: the scenario's validators (the simulation's
 * keys) bonding {@value #STAKE_DDC_PER_POWER} DDC per unit of scenario power, so the ledger's
 * voting powers are the scenario's scaled and every quorum falls as the scenario meant, and the
 * rest of the supply over {@link #HOLDERS}, who send the transfers. On the genesis path it starts
 * at protocol version 2 and plans the upgrade to version 3 ({@link SimUpgrade}), from which blocks
 * carry the previous block's certificate, checked by every node; on the vote path it starts at
 * version 4 with short gov periods ({@link #GOV_PARAMS}), each validator operated by its own
 * account ({@link #operator}: it bonds the stake and votes for the validator, so its votes never
 * race the consensus key's evidence reports for a nonce), and gives {@link #PROPOSER}, who
 * proposes the upgrade and later sends the multi-sends, {@value #PROPOSER_DDC} DDC.
 */
final class SimGenesis {
  static final long DDC = Amount.UNITS_PER_DDC;
  static final long STAKE_DDC_PER_POWER = 1_000;
  /** Liquid balance each validator keeps beside its stake. */
  static final long VALIDATOR_LIQUID_UNITS = 10 * DDC;
  static final long GENESIS_TIME_MILLIS = 1_700_000_000_000L;
  /** Few transactions per block, so that blocks stay small but are rarely empty. */
  static final int MAX_TXS_PER_BLOCK = 32;
  static final ChainParams PARAMS = ChainParams.of(Simulation.CHAIN_ID,
      ChainParams.DEFAULT_MIN_FEE_UNITS, MAX_TXS_PER_BLOCK, 16L << 20, 100_000, 1_000,
      ChainParams.DEFAULT_NODE_ID_POW_BITS);
  static final List<Ed25519KeyPair> HOLDERS = holders(6);
  /** The holder that proposes the voted upgrade and pays the multi-sends (vote path only). */
  static final Ed25519KeyPair PROPOSER = key("bcos-testkit gov proposer");
  static final long PROPOSER_DDC = 1_000_000;
  /** Short gov periods, in blocks, so that a vote and its upgrade fit a run of ~20 heights. */
  static final long MIN_DEPOSIT_UNITS = 100 * DDC;
  static final long DEPOSIT_PERIOD_BLOCKS = 5;
  static final long VOTING_PERIOD_BLOCKS = 4;
  static final long UPGRADE_LEAD_BLOCKS = 2;
  static final ChainParams GOV_PARAMS = PARAMS
      .with("govMinDepositUnits", MIN_DEPOSIT_UNITS)
      .with("govDepositPeriodBlocks", DEPOSIT_PERIOD_BLOCKS)
      .with("govVotingPeriodBlocks", VOTING_PERIOD_BLOCKS)
      .with("govUpgradeMinLeadBlocks", UPGRADE_LEAD_BLOCKS);

  private SimGenesis() {}

  static long stakeUnits(Scenario sc, int node) {
    return sc.powers()[node] * STAKE_DDC_PER_POWER * DDC;
  }

  /** The chain of {@code sc} for {@code upgrade}'s path. */
  static Genesis of(Scenario sc, SimUpgrade upgrade) {
    if (upgrade.byVote()) return of(sc, GOV_PARAMS, upgrade.fromVersion(), true);
    return of(sc, PARAMS, upgrade.fromVersion(), false).withUpgrades(List.of(upgrade.plan()));
  }

  /** The account that operates validator {@code node} (the vote path; else its own key). */
  static Ed25519KeyPair operator(int node) {
    return key("bcos-testkit operator " + node);
  }

  /**
   * The address the stake module knows validator {@code node} by: its operator's on the vote path,
   * its consensus key's otherwise (bonds, unbonds and redelegations name it).
   */
  static Address stakeAddress(int node, boolean byVote) {
    return (byVote ? operator(node) : Simulation.key(node)).address();
  }

  private static Genesis of(Scenario sc, ChainParams params, int version, boolean byVote) {
    List<Genesis.Validator> validators = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    long rest = Amount.TOTAL_SUPPLY_UNITS;
    for (int i = 0; i < sc.powers().length; i++) {
      long stake = stakeUnits(sc, i);
      Address node = Simulation.key(i).address();
      if (byVote) {
        Address operator = operator(i).address();
        validators.add(new Genesis.Validator(node, stake, operator));
        allocations.add(new Genesis.Allocation(node, VALIDATOR_LIQUID_UNITS));
        allocations.add(new Genesis.Allocation(operator, stake + VALIDATOR_LIQUID_UNITS));
        rest -= stake + 2 * VALIDATOR_LIQUID_UNITS;
      } else {
        validators.add(new Genesis.Validator(node, stake));
        allocations.add(new Genesis.Allocation(node, stake + VALIDATOR_LIQUID_UNITS));
        rest -= stake + VALIDATOR_LIQUID_UNITS;
      }
    }
    if (byVote) {
      allocations.add(new Genesis.Allocation(PROPOSER.address(), PROPOSER_DDC * DDC));
      rest -= PROPOSER_DDC * DDC;
    }
    long share = rest / HOLDERS.size();
    for (int i = 0; i < HOLDERS.size(); i++) {
      long units = i == 0 ? rest - share * (HOLDERS.size() - 1) : share;
      allocations.add(new Genesis.Allocation(HOLDERS.get(i).address(), units));
    }
    return new Genesis(params, GENESIS_TIME_MILLIS, validators, allocations, version,
        java.util.Optional.empty());
  }

  private static List<Ed25519KeyPair> holders(int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(key("bcos-testkit holder " + i));
    return out;
  }

  private static Ed25519KeyPair key(String name) {
    byte[] seed = Digests.sha256(name.getBytes(StandardCharsets.US_ASCII)).toBytes();
    return Ed25519KeyPair.fromSeed(seed);
  }
}
