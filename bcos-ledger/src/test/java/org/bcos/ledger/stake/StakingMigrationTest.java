package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakeChain.DDC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;

/**
 * The pre-staking validators of a running chain (one of them slashed and jailed for double
 * signing) become staking validators with the same stake, the same active set and the same supply.
 */
class StakingMigrationTest {
  @Test
  void preStakingValidatorsBecomeStakingValidatorsWithTheSameSetAndSupply() {
    StakeChain chain = StakeChain.inMemory(StakeChain.genesis(3), new StakeChain.FakeEvidence());
    Address offender = StakeChain.validatorKey(2).address();
    chain.block(chain.report(StakeChain.HOLDERS.get(1), 0, chain.evidence.prove(offender, 1)));
    List<ValidatorPower> before = chain.activeSetInState();
    assertEquals(2, before.size());

    WorkingState state = new WorkingState(chain.store);
    TxContext ctx = new TxContext(Modules.STANDARD, chain.ledger.params(), chain.height() + 1,
        StakeChain.validatorKey(0).address(), state, chain.ledger::validatorSetAt);
    assertEquals(3, StakingMigration.fromPreStaking(ctx));

    StakingStore store = new StakingStore(state);
    Bonding bonding = new Bonding(store, ctx.api(Bank.class), StakingParams.defaults(),
        ctx.height());
    assertEquals(before, ActiveSet.of(store, bonding, StakingParams.defaults()),
        "the same validators with the same power");
    StakingValidator slashed = store.validator(offender).orElseThrow();
    assertTrue(slashed.jailed() && slashed.tombstoned(), "a double signer stays out");
    for (int i = 0; i < 2; i++) {
      Address a = StakeChain.validatorKey(i).address();
      assertEquals(StakeChain.stakeOf(i), bonding.bondOf(a, a), "its whole stake, self-bonded");
    }
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, StakingWorld.supply(state));
    assertTrue(state.get(StakeSchema.VALIDATORS, offender.toBytes()) == null,
        "the old entries are gone");
    assertTrue(bonding.bond(StakeChain.HOLDERS.get(1).address(),
        StakeChain.validatorKey(0).address(), DDC, 0).ok(), "and take bonds");
  }
}
