package org.bcos.ledger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Amount;

/**
 * Which active validator set governs which height, as committed: the genesis set from height 1,
 * and each recorded change from its block's height + {@link #ACTIVATION_DELAY}. Updated
 * only by the ledger after a commit; readers see an immutable snapshot (thread-safe).
 */
public final class ValidatorSets {
  /** Heights between the block that changes the set and the first height it governs. */
  public static final long ACTIVATION_DELAY = 2;

  private volatile TreeMap<Long, List<ValidatorPower>> byFirstHeight;

  public ValidatorSets(Genesis genesis) {
    TreeMap<Long, List<ValidatorPower>> m = new TreeMap<>();
    m.put(1L, genesis.validators().stream()
        .map(v -> new ValidatorPower(v.address(), v.stakeUnits() / Amount.UNITS_PER_DDC))
        .sorted(java.util.Comparator.comparing(ValidatorPower::address))
        .toList());
    byFirstHeight = m;
  }

  /** The set governing {@code height} (>= 1). */
  public List<ValidatorPower> setAt(long height) {
    if (height < 1) throw new IllegalArgumentException("heights start at 1, got " + height);
    return byFirstHeight.floorEntry(height).getValue();
  }

  /** Adds a change committed in the block at {@code decidedHeight}. */
  public synchronized void recordChange(long decidedHeight, List<ValidatorPower> set) {
    TreeMap<Long, List<ValidatorPower>> m = new TreeMap<>(byFirstHeight);
    m.put(decidedHeight + ACTIVATION_DELAY, List.copyOf(set));
    byFirstHeight = m;
  }

  /** Every change: first governed height → set (the genesis set at 1). */
  public Map<Long, List<ValidatorPower>> changes() {
    return java.util.Collections.unmodifiableMap(byFirstHeight);
  }
}
