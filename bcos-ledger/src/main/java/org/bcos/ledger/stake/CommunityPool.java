package org.bcos.ledger.stake;

import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.stake.api.CommunityPoolApi;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/** {@link CommunityPoolApi} over the pool entry of the stake module's pool column. */
final class CommunityPool implements CommunityPoolApi {
  private final StakingStore store;
  private final Bank bank;

  CommunityPool(WorkingState state, Bank bank) {
    this.store = new StakingStore(state);
    this.bank = bank;
  }

  @Override
  public long balance() {
    return store.pool(StakingStore.COMMUNITY_POOL_KEY);
  }

  @Override
  public void receive(long units) {
    if (units < 0) throw new IllegalArgumentException("negative units " + units);
    store.addToPool(StakingStore.COMMUNITY_POOL_KEY, units);
  }

  @Override
  public boolean pay(Address recipient, long units) {
    if (units <= 0 || units > balance()) return false;
    store.takeFromPool(StakingStore.COMMUNITY_POOL_KEY, units);
    bank.credit(recipient, units);
    return true;
  }
}
