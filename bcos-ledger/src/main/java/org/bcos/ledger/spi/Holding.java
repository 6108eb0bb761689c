package org.bcos.ledger.spi;

import java.util.function.ToLongFunction;
import org.bcos.storage.Column;

/**
 * A state column whose entries hold coins, and how many base units one value holds. The supply
 * invariant sums every module's holdings: they always total exactly the fixed supply.
 */
public record Holding(Column column, ToLongFunction<byte[]> units) {}
