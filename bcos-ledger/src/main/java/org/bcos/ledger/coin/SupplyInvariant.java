package org.bcos.ledger.coin;

import java.util.concurrent.atomic.AtomicLong;
import org.bcos.ledger.Invariants;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Amount;

/**
 * The fixed supply: the sum of all holdings is always exactly 50,000,000,000 DDC. Checked in full
 * (a scan) at genesis and at node start, and at the end of every block as "the balances this block
 * touched sum to the same total before and after", which with the full check at start means the
 * whole sum is conserved. (Staking, escrow and pending fees join the sum as those modules land.)
 */
public final class SupplyInvariant {
  private SupplyInvariant() {}

  /** Sum of every account balance in the committed store. */
  public static long total(KeyValueStore store) {
    AtomicLong sum = new AtomicLong();
    store.forEach(CoinSchema.ACCOUNTS, new byte[0],
        (k, v) -> sum.set(Math.addExact(sum.get(), Account.decode(v).balanceUnits())));
    return sum.get();
  }

  public static void checkTotal(KeyValueStore store) {
    long total = total(store);
    Invariants.check(total == Amount.TOTAL_SUPPLY_UNITS,
        "total supply is " + Amount.format(total) + " DDC, must be 50000000000");
  }

  /** Checks that the block's balance changes net to zero. */
  public static void checkBlock(WorkingState working, KeyValueStore committed) {
    long delta = 0;
    for (StateKey key : working.changedKeys()) {
      if (key.column().id() != CoinSchema.ACCOUNTS.id()) continue;
      byte[] k = key.key();
      byte[] before = committed.get(CoinSchema.ACCOUNTS, k);
      byte[] after = working.get(CoinSchema.ACCOUNTS, k);
      long b = before == null ? 0 : Account.decode(before).balanceUnits();
      long a = after == null ? 0 : Account.decode(after).balanceUnits();
      delta = Math.addExact(delta, a - b);
    }
    Invariants.check(delta == 0, "block changes total supply by " + delta + " units");
  }
}
