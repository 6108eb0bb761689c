package org.bcos.ledger;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.ledger.spi.Holding;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Amount;

/**
 * The fixed supply: the sum of every module's holdings — account balances, bonded stake, the
 * slashed pool, and whatever later modules hold — is always exactly 50,000,000,000 DDC. Checked
 * in full (a scan) at genesis and at node start, and at the end of every block as "the holdings
 * this block touched sum to the same total before and after", which with the full check at start
 * means the whole sum is conserved.
 */
public final class SupplyInvariant {
  private final List<Holding> holdings;

  public SupplyInvariant(List<Holding> holdings) {
    this.holdings = List.copyOf(holdings);
  }

  /** Units a state entry of {@code column} holds (0 for columns that hold no coins). */
  public long units(Column column, byte[] value) {
    for (Holding h : holdings) {
      if (h.column().id() == column.id()) return h.units().applyAsLong(value);
    }
    return 0;
  }

  /** Sum of every holding in the committed store. */
  public long total(KeyValueStore store) {
    AtomicLong sum = new AtomicLong();
    for (Holding h : holdings) {
      store.forEach(h.column(), new byte[0],
          (k, v) -> sum.set(Math.addExact(sum.get(), h.units().applyAsLong(v))));
    }
    return sum.get();
  }

  /**
   * The holdings of one consistent view summed by part name ({@link Holding#parts}: liquid,
   * bonded, unbonding, each pool, ...), in the order the modules declare them; {@code perEntry}
   * runs before each entry is read (a query charges its budget there and may stop the scan by
   * throwing).
   *
   * @throws IllegalStateException if an entry's parts do not add up to its units (a bug)
   */
  public java.util.SequencedMap<String, Long> parts(KeyValueStore.ReadView view,
      Runnable perEntry) {
    java.util.SequencedMap<String, Long> out = new java.util.LinkedHashMap<>();
    for (Holding h : holdings) {
      view.forEach(h.column(), new byte[0], (k, v) -> {
        perEntry.run();
        long[] sum = {0};
        h.parts().split(k, v, (part, units) -> {
          out.merge(part, units, Math::addExact);
          sum[0] = Math.addExact(sum[0], units);
        });
        Invariants.check(sum[0] == h.units().applyAsLong(v), "the parts of an entry of "
            + h.column().name() + " add up to " + sum[0] + " units, not its holding");
      });
    }
    return out;
  }

  public void checkTotal(KeyValueStore store) {
    long total = total(store);
    Invariants.check(total == Amount.TOTAL_SUPPLY_UNITS,
        "total supply is " + Amount.format(total) + " DDC, must be 50000000000");
  }

  /** Checks that the block's changes to holdings net to zero. */
  public void checkBlock(WorkingState working, KeyValueStore committed) {
    long delta = 0;
    for (StateKey key : working.changedKeys()) {
      for (Holding h : holdings) {
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
