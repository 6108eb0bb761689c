package org.bcos.ledger.params.api;

import java.util.SortedMap;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.spi.Verdict;

/**
 * The chain parameters kept in state: read them as of any height, and change them — the only way
 * to change them, and it checks the bounds each parameter declares. A change made in the block at
 * height h takes effect from a later height (governance passes {@code h + 1}); every earlier
 * value stays readable.
 */
public interface ParamsApi {
  /** Every parameter's value governing the block at {@code height}. */
  SortedMap<String, Long> valuesAt(long height);

  /** The parameters governing the block at {@code height}, typed. */
  ChainParams chainParams(String chainId, long height);

  /**
   * Sets {@code name} to {@code value} from {@code fromHeight} on. Refuses, writing nothing, an
   * unknown name or one not in force at {@code fromHeight} (a parameter of a module or protocol
   * version the chain does not run yet: {@link ParamsRejection#UNKNOWN_PARAM}) or a value outside
   * its bounds ({@link ParamsRejection#PARAM_OUT_OF_RANGE}).
   */
  Verdict change(String name, long value, long fromHeight);

  /**
   * Writes a parameter a protocol version brings, at {@code value} from {@code fromHeight} (the
   * version's first block) on, whether or not an earlier value exists (a module active again
   * after a version without it starts from its defaults): the ledger's activation only, never
   * governance. Refuses, writing nothing, an unknown name or a value outside its bounds.
   */
  Verdict introduce(String name, long value, long fromHeight);
}
