package org.bcos.ledger.stake;

import java.math.BigInteger;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakingValidator;

/**
 * The genesis state of a staking chain: every genesis validator becomes a staking validator
 * signing with its address and operated by its operator (its own address unless the genesis names
 * another), which self-bonds the stake out of its allocation
 * (commission 0, ceiling 100 %, step 1 %: it may raise its rate by an edit), and the reward
 * pool holds the units the genesis set aside.
 */
final class StakingGenesis {
  /** Commission of a genesis validator: 0 %, at most 100 %, 1 % per change. */
  static final StakingValidator.Commission GENESIS_COMMISSION =
      new StakingValidator.Commission(0, 10_000, 100, 0);

  private StakingGenesis() {}

  static void init(Genesis genesis, TxContext ctx) {
    // the params module ran first: the feature's parameters are in state at height 0
    StakingParams params = StakingParams.read(ctx.api(ParamsApi.class).valuesAt(0)::get);
    StakingStore store = new StakingStore(ctx.state());
    Bonding bonding = new Bonding(store, ctx.api(Bank.class), params, 0);
    for (Genesis.Validator v : genesis.validators()) {
      store.putValidator(v.operator(), new StakingValidator(v.address(), GENESIS_COMMISSION, 0,
          0, BigInteger.ZERO, 0, 0, 0, false, false, "genesis"));
      store.putConsensusKey(v.address(), v.operator());
      Verdict bonded = bonding.bond(v.operator(), v.operator(), v.stakeUnits(), 0);
      if (!bonded.ok()) {
        throw new IllegalArgumentException("validator " + v.address() + " cannot bond its stake: "
            + bonded.message());
      }
    }
    long pool = genesis.staking().map(Genesis.Staking::rewardPoolUnits).orElse(0L);
    if (pool > 0) store.addToPool(StakingStore.REWARD_POOL_KEY, pool);
  }
}
