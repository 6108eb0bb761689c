package org.bcos.ledger.params;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.params.api.ParamsRejection;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The chain parameters over a block's working state. One state column, {@link #VALUES}: key =
 * the parameter's name (ASCII) | 0x00 | u64 first height it governs, big-endian; value = the u64
 * value. Genesis writes every parameter at height 0; each change adds an entry,
 * so the value at any height is the entry with the greatest first height at or below it.
 */
final class ParamsStore implements ParamsApi {
  /** Column id 40: name | 0 | u64 from-height → u64 value. */
  static final Column VALUES = new Column(40, "params_values");

  private final WorkingState state;
  private final ModuleRegistry registry;

  ParamsStore(WorkingState state, ModuleRegistry registry) {
    this.state = state;
    this.registry = registry;
  }

  void put(String name, long fromHeight, long value) {
    state.put(VALUES, key(name, fromHeight), new Encoder(8).u64(value).toByteArray());
  }

  @Override
  public SortedMap<String, Long> valuesAt(long height) {
    SortedMap<String, Long> out = new TreeMap<>();
    state.forEach(VALUES, new byte[0], (k, v) -> {
      int sep = indexOfZero(k);
      long from = new Decoder(Arrays.copyOfRange(k, sep + 1, k.length)).u64();
      // keys ascend by name, then by height: the last entry at or below height wins
      if (from <= height) {
        out.put(new String(k, 0, sep, StandardCharsets.US_ASCII), decodeValue(v));
      }
    });
    return out;
  }

  @Override
  public ChainParams chainParams(String chainId, long height) {
    return new ChainParams(chainId, valuesAt(height));
  }

  @Override
  public Verdict change(String name, long value, long fromHeight) {
    Verdict v = check(name, value, fromHeight);
    if (!v.ok()) return v;
    // only the protocol version writes a parameter first: one not in state yet belongs to a
    // module or version the chain does not run (yet), and a change must not create it
    if (!valuesAt(fromHeight).containsKey(name)) {
      return Verdict.reject(ParamsRejection.UNKNOWN_PARAM, name + " is not in force at height "
          + fromHeight + " (a later protocol version brings it)");
    }
    put(name, fromHeight, value);
    return Verdict.OK;
  }

  @Override
  public Verdict introduce(String name, long value, long fromHeight) {
    Verdict v = check(name, value, fromHeight);
    if (v.ok()) put(name, fromHeight, value);
    return v;
  }

  private Verdict check(String name, long value, long fromHeight) {
    ParamSpec spec = registry.param(name).orElse(null);
    if (spec == null) return Verdict.reject(ParamsRejection.UNKNOWN_PARAM, name);
    if (!spec.allows(value)) {
      return Verdict.reject(ParamsRejection.PARAM_OUT_OF_RANGE,
          name + " must be " + spec.min() + ".." + spec.max() + ", got " + value);
    }
    if (fromHeight < 1) {
      return Verdict.reject(ParamsRejection.PARAM_CHANGE_IN_PAST, "from height " + fromHeight);
    }
    return Verdict.OK;
  }

  static byte[] key(String name, long fromHeight) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    return new Encoder(n.length + 9).fixed(n).u8(0).u64(fromHeight).toByteArray();
  }

  private static int indexOfZero(byte[] k) {
    for (int i = 0; i < k.length; i++) {
      if (k[i] == 0) return i;
    }
    throw new IllegalStateException("malformed parameter key");
  }

  private static long decodeValue(byte[] v) {
    Decoder d = new Decoder(v);
    long value = d.u64();
    d.finish();
    return value;
  }
}
