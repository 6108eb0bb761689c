package org.bcos.ledger.stake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.Holding;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.stake.api.Delegation;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;

/**
 * The staking engine ({@link Bonding}, {@link Distribution}, {@link Slashing}) over the working
 * state of a real genesis (coin accounts through the coin module's {@link Bank}), with the sums
 * the staking tests check: every holding of every module, and the reward holdings.
 */
final class StakingWorld {
  static final long DDC = Amount.UNITS_PER_DDC;
  static final List<Ed25519KeyPair> HOLDERS = LedgerFixtures.keys(6);

  final WorkingState state;
  final StakingStore store;
  final Bank bank;
  final StakingParams params;
  long height = 1;
  /** Every unit credited to an account by the engine outside maturity: reward payouts. */
  long rewardsPaid;

  StakingWorld(StakingParams params) {
    Genesis genesis = LedgerFixtures.genesis(HOLDERS);
    InMemoryStore committed = new InMemoryStore();
    Ledger.open(committed, genesis, org.bcos.ledger.tx.SignatureCheck.withBestVerifier());
    this.state = new WorkingState(committed);
    this.store = new StakingStore(state);
    Bank real = new TxContext(Modules.STANDARD, genesis.params(), 1, holder(0), state,
        h -> List.of()).api(Bank.class);
    this.bank = new CountingBank(real);
    this.params = params;
  }

  static Address holder(int i) {
    return HOLDERS.get(i).address();
  }

  Bonding bonding() {
    return new Bonding(store, bank, params, height);
  }

  Distribution distribution() {
    return new Distribution(store);
  }

  Slashing slashing() {
    return new Slashing(store, bonding(), height);
  }

  /** Registers a validator operated by {@code operator} (its own consensus key), unbonded. */
  void addValidator(Address operator, int rateBasisPoints) {
    store.putValidator(operator, new StakingValidator(operator,
        new StakingValidator.Commission(rateBasisPoints, 10_000, 10_000, 0), 0, 0,
        BigInteger.ZERO, 0, 0, 0, false, false, "v"));
    store.putConsensusKey(operator, operator);
  }

  /** Moves {@code units} of {@code from}'s balance into the reward pool (as a genesis would). */
  void fundRewardPool(Address from, long units) {
    if (!bank.debit(from, units)) throw new IllegalStateException("cannot fund");
    store.addToPool(StakingStore.REWARD_POOL_KEY, units);
  }

  /** Every module's holdings summed over the working state: always the total supply. */
  long supply() {
    return supply(state);
  }

  /** Every module's holdings summed over {@code state}. */
  static long supply(WorkingState state) {
    long total = 0;
    for (Holding h : Modules.STANDARD.holdings()) {
      long[] sum = {0};
      state.forEach(h.column(), new byte[0], (k, v) ->
          sum[0] = Math.addExact(sum[0], h.units().applyAsLong(v)));
      total = Math.addExact(total, sum[0]);
    }
    return total;
  }

  /** Units held as rewards: every validator's commission and outstanding, and the community. */
  long rewardHoldings() {
    long total = store.pool(StakingStore.COMMUNITY_POOL_KEY);
    for (var e : store.validators()) {
      total += e.getValue().commissionUnits() + e.getValue().outstandingUnits();
    }
    return total;
  }

  long tokens() {
    return store.validators().stream().mapToLong(e -> e.getValue().tokens()).sum();
  }

  long unbondingBalances() {
    long[] sum = {0};
    state.forEach(StakingStore.UNBONDING, new byte[0],
        (k, v) -> sum[0] += org.bcos.ledger.stake.api.UnbondingEntry.decode(v).balanceUnits());
    return sum[0];
  }

  /** Pending rewards of every bonder of {@code operator}. */
  long pendingOf(Address operator) {
    StakingValidator v = store.validator(operator).orElseThrow();
    long[] sum = {0};
    store.forEachDelegation((k, d) -> {
      if (StakingStore.addressAt(k, 32).equals(operator)) {
        sum[0] += StakeMath.pending(d.shares(), v.rewardPerShare(), d.rewardPerShareStart());
      }
    });
    return sum[0];
  }

  /** Sum of delegation shares in {@code operator}. */
  long sharesIn(Address operator) {
    long[] sum = {0};
    store.forEachDelegation((k, d) -> {
      if (StakingStore.addressAt(k, 32).equals(operator)) sum[0] += d.shares();
    });
    return sum[0];
  }

  /** The active set as the engine's distribution sees it: validators with power, by key. */
  List<ValidatorPower> set() {
    List<ValidatorPower> out = new ArrayList<>();
    for (var e : store.validators()) {
      if (e.getValue().power() > 0 && !e.getValue().jailed()) {
        out.add(new ValidatorPower(e.getValue().consensusKey(), e.getValue().power()));
      }
    }
    return out;
  }

  Optional<Delegation> delegation(Address bonder, Address operator) {
    return store.delegation(bonder, operator);
  }

  /** A bank that counts reward payouts (every credit while {@code maturing} is false). */
  final class CountingBank implements Bank {
    private final Bank real;
    boolean maturing;

    CountingBank(Bank real) {
      this.real = real;
    }

    @Override
    public Optional<Account> find(Address address) {
      return real.find(address);
    }

    @Override
    public void credit(Address address, long units) {
      if (!maturing) rewardsPaid = Math.addExact(rewardsPaid, units);
      real.credit(address, units);
    }

    @Override
    public boolean debit(Address address, long units) {
      return real.debit(address, units);
    }

    @Override
    public void payFeeAndAdvanceNonce(Address payer, long fee, Address collector) {
      real.payFeeAndAdvanceNonce(payer, fee, collector);
    }

    @Override
    public void setNonce(Address address, long nonce) {
      real.setNonce(address, nonce);
    }
  }

  /** Runs the maturity of this height without counting its payouts as rewards. */
  void mature() {
    CountingBank counting = (CountingBank) bank;
    counting.maturing = true;
    try {
      bonding().matureEntries();
    } finally {
      counting.maturing = false;
    }
  }
}
