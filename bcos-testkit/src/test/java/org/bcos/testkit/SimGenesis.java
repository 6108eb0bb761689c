package org.bcos.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bcos.consensus.sim.Scenario;
import org.bcos.consensus.sim.Simulation;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.types.Amount;
import org.bcos.types.Digests;

/**
 * The chain every node of a simulated run starts from: the scenario's validators (the simulation's
 * keys) bonding {@value #STAKE_DDC_PER_POWER} DDC per unit of scenario power, so the ledger's
 * voting powers are the scenario's scaled and every quorum falls as the scenario meant, and the
 * rest of the supply over {@link #HOLDERS}, who send the transfers. It starts at protocol version
 * 2 and plans the upgrade to version 3 ({@link SimUpgrade}), from which blocks carry the
 * previous block's certificate, checked by every node.
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

  private SimGenesis() {}

  static long stakeUnits(Scenario sc, int node) {
    return sc.powers()[node] * STAKE_DDC_PER_POWER * DDC;
  }

  /** The chain of {@code sc}, its genesis planning {@code upgrade}. */
  static Genesis of(Scenario sc, SimUpgrade upgrade) {
    return of(sc).withUpgrades(java.util.List.of(upgrade.plan()));
  }

  static Genesis of(Scenario sc) {
    List<Genesis.Validator> validators = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    long rest = Amount.TOTAL_SUPPLY_UNITS;
    for (int i = 0; i < sc.powers().length; i++) {
      long stake = stakeUnits(sc, i);
      validators.add(new Genesis.Validator(Simulation.key(i).address(), stake));
      allocations.add(new Genesis.Allocation(Simulation.key(i).address(),
          stake + VALIDATOR_LIQUID_UNITS));
      rest -= stake + VALIDATOR_LIQUID_UNITS;
    }
    long share = rest / HOLDERS.size();
    for (int i = 0; i < HOLDERS.size(); i++) {
      long units = i == 0 ? rest - share * (HOLDERS.size() - 1) : share;
      allocations.add(new Genesis.Allocation(HOLDERS.get(i).address(), units));
    }
    return new Genesis(PARAMS, GENESIS_TIME_MILLIS, validators, allocations,
        SimUpgrade.OLD_VERSION, java.util.Optional.empty());
  }

  private static List<Ed25519KeyPair> holders(int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] name = ("bcos-testkit holder " + i).getBytes(StandardCharsets.US_ASCII);
      out.add(Ed25519KeyPair.fromSeed(Digests.sha256(name).toBytes()));
    }
    return out;
  }
}
