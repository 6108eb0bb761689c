package org.bcos.ledger.spi;

import java.util.Objects;
import java.util.function.ToLongFunction;
import org.bcos.storage.Column;

/**
 * A state column whose entries hold coins, how many base units one value holds, and how those
 * units split into named kinds of holding (what {@code bcos_supply} reports: liquid, bonded,
 * unbonding, a pool, ...). The supply invariant sums every module's holdings: they always total
 * exactly the fixed supply.
 *
 * @param column the state column
 * @param units the units one stored value holds
 * @param parts splits one entry's units into named parts; they must add up to {@code units}
 */
public record Holding(Column column, ToLongFunction<byte[]> units, Parts parts) {
  /** Receives the named parts of one entry. */
  @FunctionalInterface
  public interface PartSink {
    void add(String part, long units);
  }

  /** Splits one entry (key and value) of the column into named parts. */
  @FunctionalInterface
  public interface Parts {
    void split(byte[] key, byte[] value, PartSink sink);
  }

  public Holding {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(parts, "parts");
  }

  /**
   * A holding of one kind named after its column (a module that names its kinds uses {@link
   * #of} or the full constructor).
   */
  public Holding(Column column, ToLongFunction<byte[]> units) {
    this(column, units, (k, v, sink) -> sink.add(column.name(), units.applyAsLong(v)));
  }

  /** A holding whose every unit is of one kind, named {@code part}. */
  public static Holding of(Column column, String part, ToLongFunction<byte[]> units) {
    return new Holding(column, units, (k, v, sink) -> sink.add(part, units.applyAsLong(v)));
  }
}
