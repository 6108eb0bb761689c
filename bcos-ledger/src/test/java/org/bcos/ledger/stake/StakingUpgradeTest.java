package org.bcos.ledger.stake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.upgrade.UpgradeChain;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;

/**
 * Staking is the protocol version's, never a genesis flag's: an existing chain (the default
 * version) refuses staking until an upgrade to {@link StakeModule#STAKING_VERSION}; at that
 * version's first block the staking parameters appear at their defaults and the stake module's
 * activation turns the pre-staking validator into a staking one (same stake, same supply), before
 * the block's transactions, so a bond in that very block is accepted. A replica agrees.
 */
class StakingUpgradeTest {
  private static final long ACTIVATION = 3;
  private static final Address VALIDATOR = LedgerFixtures.VALIDATOR.address();

  @Test
  void anUpgradeToTheStakingVersionMigratesTheValidatorsAtItsFirstBlock() {
    Genesis genesis = UpgradeChain.genesis(Genesis.DEFAULT_PROTOCOL_VERSION);
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(genesis));
    Ledger ledger = chain.ledger();
    long stake = genesis.validators().getFirst().stakeUnits();
    List<Block> blocks = new ArrayList<>();
    blocks.add(chain.include(chain.gov(new UpgradeChain.Schedule("staking",
        StakeModule.STAKING_VERSION, UpgradeChain.RELEASE, ACTIVATION))).block());

    BlockResult early = chain.include(chain.alice(new StakeBond(VALIDATOR, Amount.UNITS_PER_DDC)));
    assertEquals(StakingRejection.STAKING_NOT_ACTIVE,
        early.skipped().getFirst().verdict().rejection());
    blocks.add(early.block());
    assertFalse(ledger.paramsAt(ACTIVATION - 1).containsKey("maxValidators"));
    assertTrue(new StakeStore(ledger.headState()).validator(VALIDATOR).isPresent(), "pre-staking");

    BlockResult at = chain.include(chain.alice(new StakeBond(VALIDATOR, Amount.UNITS_PER_DDC)));
    assertTrue(at.skipped().isEmpty(), () -> at.skipped().toString());
    blocks.add(at.block());
    assertEquals(StakingParams.MAX_VALIDATORS.genesisDefault(),
        ledger.paramsAt(ACTIVATION).get("maxValidators"), "brought at the height");
    WorkingState state = ledger.headState();
    assertNull(state.get(StakeSchema.VALIDATORS, VALIDATOR.toBytes()), "migrated");
    StakingValidator v = new StakingStore(state).validator(VALIDATOR).orElseThrow();
    assertEquals(stake + Amount.UNITS_PER_DDC, v.tokens(), "its stake and the bond in the block");
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, StakingWorld.supply(state));

    Ledger replica = UpgradeChain.open(new InMemoryStore(), genesis, UpgradeChain.NEW_SOFTWARE);
    for (Block b : blocks) {
      replica.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.head().header().stateRoot());
    }
  }

  @Test
  void aGenesisWithAStakingSectionBelowTheStakingVersionIsRefused() {
    Genesis plain = UpgradeChain.genesis(Genesis.DEFAULT_PROTOCOL_VERSION);
    Genesis bad = new Genesis(plain.params(), plain.timeMillis(), plain.validators(),
        plain.allocations(), Genesis.DEFAULT_PROTOCOL_VERSION,
        Optional.of(new Genesis.Staking(0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UpgradeChain.openNew(bad));
    assertTrue(e.getMessage().contains("has no staking"), e.getMessage());
  }

  @Test
  void aChainStartingAtTheStakingVersionStakesFromGenesis() {
    Ledger ledger = UpgradeChain.openNew(UpgradeChain.genesis(StakeModule.STAKING_VERSION));
    assertTrue(ledger.paramsAt(0).containsKey("maxValidators"));
    assertTrue(new StakingStore(ledger.headState()).validator(VALIDATOR).isPresent());
    assertTrue(new StakeStore(ledger.headState()).validator(VALIDATOR).isEmpty(),
        "no pre-staking entry");
  }
}
