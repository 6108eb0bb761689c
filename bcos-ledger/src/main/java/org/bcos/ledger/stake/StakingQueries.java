package org.bcos.ledger.stake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.Delegation;
import org.bcos.ledger.stake.api.RedelegationEntry;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.UnbondingEntry;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/**
 * The stake module's read side for its query methods (docs/RPC.md "Staking"): validators with
 * their standing and rank, one account's bonds, unbonding and redelegation entries and pending
 * rewards, and the pools, all read from the head's committed state. Every read entry is charged
 * to the caller's {@code charge} (one work unit each), so a query's cost follows what it reads.
 */
public final class StakingQueries {
  /**
   * Most entries of one kind (delegations, unbonding or redelegation entries) one account's
   * answer holds; more is refused by name, never cut silently.
   */
  public static final int MAX_ENTRIES_PER_ACCOUNT = 1_000;

  /** A validator's standing: in the active set, out of it, jailed, or tombstoned forever. */
  public enum Status { ACTIVE, INACTIVE, JAILED, TOMBSTONED }

  /**
   * A validator as queries show it.
   *
   * @param rank its 1-based place in the active set by tokens (0: not in it)
   * @param power its voting power in the active set (whole DDC; 0 when not in it)
   */
  public record ValidatorView(Address operator, StakingValidator validator, Status status,
      int rank, long power) {}

  /** One page of a list: the items and, when more follow, the key to resume at. */
  public record Page<T>(List<T> items, Optional<byte[]> next) {}

  /** A bond of one account with one validator: shares, their worth and the pending reward. */
  public record DelegationView(Address validator, String moniker, long shares, long units,
      long pendingRewardUnits) {}

  /** An unbonding entry of one account. */
  public record UnbondingView(Address validator, long creationHeight, UnbondingEntry entry) {}

  /** A redelegation entry of one account. */
  public record RedelegationView(Address source, Address destination, long creationHeight,
      RedelegationEntry entry) {}

  /**
   * Everything one account has staked: its delegations, its unbonding and redelegation entries,
   * and the commission of the validator it operates (0 when it operates none).
   */
  public record AccountStake(List<DelegationView> delegations, List<UnbondingView> unbonding,
      List<RedelegationView> redelegations, long commissionUnits) {}

  /** The stake module's pools and totals, and the reward parameters that drain the pool. */
  public record Pools(long rewardPoolUnits, long communityPoolUnits, long slashedPoolUnits,
      long bondedUnits, long blockRewardUnits, long unbondingPeriodBlocks) {}

  private final QueryContext queries;

  public StakingQueries(QueryContext queries) {
    this.queries = queries;
  }

  /** The head's height (what every answer is read at, give or take a block). */
  public long height() {
    return queries.headHeight();
  }

  /** Whether the head runs staking (its parameters are in state). */
  public boolean active() {
    return queries.api(ParamsApi.class).valuesAt(queries.headHeight())
        .containsKey(StakingParams.MAX_VALIDATORS.name());
  }

  /** The staking parameters governing the next block; only when {@link #active()}. */
  StakingParams params() {
    return StakingParams.read(queries.api(ParamsApi.class)
        .valuesAt(queries.headHeight() + 1)::get);
  }

  /** Validators by operator address from {@code from} (inclusive), at most {@code limit}. */
  public Page<ValidatorView> validators(byte[] from, int limit, LongConsumer charge) {
    WorkingState state = queries.headState();
    Map<Address, Integer> ranks = ranks(state, charge);
    var entries = queries.stateEntries(StakingStore.VALIDATORS, new byte[0], from, limit + 1);
    charge.accept(entries.size());
    List<ValidatorView> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, entries.size()); i++) {
      var e = entries.get(i);
      items.add(view(Address.wrap(e.getKey()), StakingValidator.decode(e.getValue()), ranks));
    }
    Optional<byte[]> next = entries.size() > limit
        ? Optional.of(entries.get(limit).getKey()) : Optional.empty();
    return new Page<>(items, next);
  }

  /** One validator by its operator's address. */
  public Optional<ValidatorView> validator(Address operator, LongConsumer charge) {
    WorkingState state = queries.headState();
    Optional<StakingValidator> v = new StakingStore(state).validator(operator);
    if (v.isEmpty()) return Optional.empty();
    return Optional.of(view(operator, v.get(), ranks(state, charge)));
  }

  /**
   * Everything {@code bonder} has staked.
   *
   * @throws IllegalArgumentException if it holds more than {@link #MAX_ENTRIES_PER_ACCOUNT}
   *     entries of one kind
   */
  public AccountStake accountStake(Address bonder, LongConsumer charge) {
    StakingStore store = new StakingStore(queries.headState());
    List<Map.Entry<Address, StakingValidator>> validators = store.validators();
    charge.accept(validators.size());
    List<DelegationView> delegations = new ArrayList<>();
    List<UnbondingView> unbonding = new ArrayList<>();
    for (Map.Entry<Address, StakingValidator> e : validators) {
      Address operator = e.getKey();
      StakingValidator v = e.getValue();
      store.delegation(bonder, operator).ifPresent(d -> delegations.add(delegation(operator, v,
          d)));
      for (var u : store.unbondings(operator, bonder)) {
        unbonding.add(new UnbondingView(operator, StakingStore.creationHeightOf(u.getKey()),
            u.getValue()));
      }
      checkSize(delegations.size() + unbonding.size());
    }
    List<RedelegationView> redelegations = new ArrayList<>();
    for (var r : store.redelegationsOf(bonder)) {
      redelegations.add(new RedelegationView(StakingStore.addressAt(r.getKey(), 1),
          StakingStore.addressAt(r.getKey(), 65), StakingStore.creationHeightOf(r.getKey()),
          r.getValue()));
      checkSize(redelegations.size());
    }
    charge.accept(delegations.size() + unbonding.size() + redelegations.size());
    long commission = store.validator(bonder).map(StakingValidator::commissionUnits).orElse(0L);
    return new AccountStake(delegations, unbonding, redelegations, commission);
  }

  /** The pools, the total bonded and the reward parameters. */
  public Pools pools(LongConsumer charge) {
    StakingStore store = new StakingStore(queries.headState());
    List<Map.Entry<Address, StakingValidator>> validators = store.validators();
    charge.accept(validators.size());
    long bonded = 0;
    for (var e : validators) bonded = Math.addExact(bonded, e.getValue().tokens());
    StakingParams params = params();
    return new Pools(store.pool(StakingStore.REWARD_POOL_KEY),
        store.pool(StakingStore.COMMUNITY_POOL_KEY), store.pool(StakeSchema.SLASHED_KEY),
        bonded, params.blockRewardUnits(), params.unbondingPeriodBlocks());
  }

  private static DelegationView delegation(Address operator, StakingValidator v, Delegation d) {
    return new DelegationView(operator, v.moniker(), d.shares(),
        StakeMath.tokensOf(d.shares(), v.tokens(), v.shares()),
        StakeMath.pending(d.shares(), v.rewardPerShare(), d.rewardPerShareStart()));
  }

  private static void checkSize(int entries) {
    if (entries > MAX_ENTRIES_PER_ACCOUNT) {
      throw new IllegalArgumentException("the account holds more than "
          + MAX_ENTRIES_PER_ACCOUNT + " staking entries of one kind");
    }
  }

  /** Consensus key → 1-based rank in the set the head's state gives (what its block recorded). */
  private Map<Address, Integer> ranks(WorkingState state, LongConsumer charge) {
    StakingStore store = new StakingStore(state);
    StakingParams params = params();
    Bonding bonding = new Bonding(store, queries.api(Bank.class), params, queries.headHeight());
    List<ValidatorPower> ranked = ActiveSet.ranked(store, bonding, params);
    charge.accept(ranked.size());
    Map<Address, Integer> out = new TreeMap<>();
    for (int i = 0; i < ranked.size(); i++) out.put(ranked.get(i).address(), i + 1);
    return out;
  }

  private static ValidatorView view(Address operator, StakingValidator v,
      Map<Address, Integer> ranks) {
    int rank = ranks.getOrDefault(v.consensusKey(), 0);
    Status status = v.tombstoned() ? Status.TOMBSTONED : v.jailed() ? Status.JAILED
        : rank > 0 ? Status.ACTIVE : Status.INACTIVE;
    return new ValidatorView(operator, v, status, rank, rank > 0 ? v.power() : 0);
  }
}
