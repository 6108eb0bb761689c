package org.bcos.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bcos.types.Address;
import org.bcos.types.Amount;

/**
 * The agreed start of a chain: parameters, the validator, and where the whole fixed supply of
 * 50,000,000,000 DDC sits. The constructor refuses any genesis whose allocations do not add up to
 * exactly the total supply.
 */
public record Genesis(
    ChainParams params, long timeMillis, Address validator, List<Allocation> allocations) {
  /** Limit on allocation entries in one genesis. */
  public static final int MAX_ALLOCATIONS = 1_000_000;

  /** An initial balance. */
  public record Allocation(Address address, long units) {
    public Allocation {
      Objects.requireNonNull(address, "address");
      if (units <= 0) throw new IllegalArgumentException("allocation must be positive: " + address);
    }
  }

  public Genesis {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(validator, "validator");
    allocations = List.copyOf(allocations);
    if (timeMillis < 0) throw new IllegalArgumentException("genesis time must be non-negative");
    if (allocations.isEmpty() || allocations.size() > MAX_ALLOCATIONS) {
      throw new IllegalArgumentException("genesis needs 1.." + MAX_ALLOCATIONS + " allocations");
    }
    long total = 0;
    Set<Address> seen = new HashSet<>();
    for (Allocation a : allocations) {
      if (!seen.add(a.address())) {
        throw new IllegalArgumentException("address allocated twice in genesis: " + a.address());
      }
      try {
        total = Math.addExact(total, a.units());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("genesis allocations overflow");
      }
    }
    if (total != Amount.TOTAL_SUPPLY_UNITS) {
      throw new IllegalArgumentException(
          "genesis allocations must total exactly 50000000000 DDC, got " + Amount.format(total));
    }
  }

  /** A development genesis: the whole supply to one address. */
  public static Genesis dev(ChainParams params, long timeMillis, Address devAddress,
      Address validator) {
    return new Genesis(params, timeMillis, validator,
        List.of(new Allocation(devAddress, Amount.TOTAL_SUPPLY_UNITS)));
  }
}
