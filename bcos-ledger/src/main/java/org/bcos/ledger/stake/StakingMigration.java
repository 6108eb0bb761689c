package org.bcos.ledger.stake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.stake.api.Delegation;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.ValidatorStake;
import org.bcos.types.Address;

/**
 * Turns the validators of a chain that ran without staking into staking validators, at the block
 * an upgrade brings the staking parameters (the body of the stake module's activation hook;
 * docs/GOVERNANCE.md "Modules and parameters an upgrade activates"). Each {@link
 * ValidatorStake} becomes a validator operated by, and signing with, its own address, whose whole
 * bond is its self-delegation (one share per unit); one jailed for double signing stays out for
 * good (tombstoned). The units move from the old column's holding to the new one, so the supply
 * is unchanged; the slashed pool and the recorded validator sets stay as they are.
 */
final class StakingMigration {
  private StakingMigration() {}

  /** Migrates every pre-staking validator in {@code ctx}'s state; returns how many. */
  static int fromPreStaking(TxContext ctx) {
    StakingStore store = new StakingStore(ctx.state());
    List<Map.Entry<Address, ValidatorStake>> old = new ArrayList<>();
    ctx.state().forEach(StakeSchema.VALIDATORS, new byte[0], (k, v) ->
        old.add(Map.entry(Address.wrap(k), ValidatorStake.decode(v))));
    StakingValidator.Commission commission = new StakingValidator.Commission(
        StakingGenesis.GENESIS_COMMISSION.rateBasisPoints(),
        StakingGenesis.GENESIS_COMMISSION.maxRateBasisPoints(),
        StakingGenesis.GENESIS_COMMISSION.maxChangeBasisPoints(), ctx.height());
    for (Map.Entry<Address, ValidatorStake> e : old) {
      Address address = e.getKey();
      ValidatorStake s = e.getValue();
      store.putValidator(address, new StakingValidator(address, commission, s.bondedUnits(),
          s.bondedUnits(), BigInteger.ZERO, 0, 0, s.jailed() ? Long.MAX_VALUE : 0, s.jailed(),
          s.jailed(), "genesis"));
      store.putConsensusKey(address, address);
      store.putDelegation(address, address, s.bondedUnits() == 0 ? Optional.empty()
          : Optional.of(new Delegation(s.bondedUnits(), BigInteger.ZERO)));
      ctx.state().delete(StakeSchema.VALIDATORS, address.toBytes());
    }
    return old.size();
  }
}
