package org.bcos.ledger.coin;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.bcos.ledger.Invariants;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.stake.StakeSchema;
import org.bcos.ledger.stake.StakeStore;
import org.bcos.ledger.stake.ValidatorStake;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Amount;

/**
 * The fixed supply: the sum of all holdings — account balances, bonded stake and the slashed pool
 * — is always exactly 50,000,000,000 DDC. Checked in full (a scan) at genesis and at node start,
 * and at the end of every block as "the holdings this block touched sum to the same total before
 * and after", which with the full check at start means the whole sum is conserved.
 */
public final class SupplyInvariant {
  /** A state column that holds coins, and how many units one of its values holds. */
  private record Holding(Column column, ToLongFunction<byte[]> units) {}

  private static final List<Holding> HOLDINGS = List.of(
      new Holding(CoinSchema.ACCOUNTS, v -> Account.decode(v).balanceUnits()),
      new Holding(StakeSchema.VALIDATORS, v -> ValidatorStake.decode(v).bondedUnits()),
      new Holding(StakeSchema.POOL, StakeStore::decodeUnits));

  private SupplyInvariant() {}

  /** Units a state entry of {@code column} holds (0 for columns that hold no coins). */
  public static long units(Column column, byte[] value) {
    for (Holding h : HOLDINGS) {
      if (h.column().id() == column.id()) return h.units().applyAsLong(value);
    }
    return 0;
  }

  /** Sum of every holding in the committed store. */
  public static long total(KeyValueStore store) {
    AtomicLong sum = new AtomicLong();
    for (Holding h : HOLDINGS) {
      store.forEach(h.column(), new byte[0],
          (k, v) -> sum.set(Math.addExact(sum.get(), h.units().applyAsLong(v))));
    }
    return sum.get();
  }

  public static void checkTotal(KeyValueStore store) {
    long total = total(store);
    Invariants.check(total == Amount.TOTAL_SUPPLY_UNITS,
        "total supply is " + Amount.format(total) + " DDC, must be 50000000000");
  }

  /** Checks that the block's changes to holdings net to zero. */
  public static void checkBlock(WorkingState working, KeyValueStore committed) {
    long delta = 0;
    for (StateKey key : working.changedKeys()) {
      for (Holding h : HOLDINGS) {
        if (key.column().id() != h.column().id()) continue;
        byte[] before = committed.get(h.column(), key.key());
        byte[] after = working.get(h.column(), key.key());
        long b = before == null ? 0 : h.units().applyAsLong(before);
        long a = after == null ? 0 : h.units().applyAsLong(after);
        delta = Math.addExact(delta, a - b);
      }
    }
    Invariants.check(delta == 0, "block changes total supply by " + delta + " units");
  }
}
