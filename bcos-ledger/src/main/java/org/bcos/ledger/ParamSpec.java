package org.bcos.ledger;

import java.util.Objects;

/**
 * A chain parameter declared by a module: a consensus-relevant non-negative whole number kept in
 * state, set at genesis and changed only through the params module's api, which checks these
 * bounds. A parameter added to a module that existing chains already run is introduced by a
 * protocol version ({@link #since}): a chain whose genesis is at an older version gets it at that
 * version's activation height, so its genesis and history stay as they were.
 *
 * @param name unique camelCase name, e.g. {@code minFeeUnits}
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param genesisDefault value when a genesis does not set it
 * @param unit what the number counts (for people and the OpenRPC schema)
 * @param doc one sentence: what it governs
 * @param sinceVersion the protocol version that introduces it (1: every version its module is
 *     active in)
 */
public record ParamSpec(String name, long min, long max, long genesisDefault, Unit unit,
    String doc, int sinceVersion) {
  /** Longest parameter name, in ASCII characters. */
  public static final int MAX_NAME_LENGTH = 48;

  /** What a parameter's number counts. */
  public enum Unit {
    COUNT, BLOCKS, BYTES, BASE_UNITS, BITS, PERCENT, BASIS_POINTS
  }

  /** A parameter that exists under every protocol version its module is active in. */
  public ParamSpec(String name, long min, long max, long genesisDefault, Unit unit, String doc) {
    this(name, min, max, genesisDefault, unit, doc, 1);
  }

  public ParamSpec {
    if (sinceVersion < 1) throw new IllegalArgumentException("protocol versions start at 1");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(doc, "doc");
    if (!name.matches("[a-z][A-Za-z0-9]{0," + (MAX_NAME_LENGTH - 1) + "}")) {
      throw new IllegalArgumentException("parameter names are camelCase ASCII: " + name);
    }
    if (min < 0 || min > max || genesisDefault < min || genesisDefault > max) {
      throw new IllegalArgumentException("parameter " + name
          + ": needs 0 <= min <= default <= max");
    }
  }

  /** This parameter, introduced by protocol {@code version} (it does not exist before it). */
  public ParamSpec since(int version) {
    return new ParamSpec(name, min, max, genesisDefault, unit, doc, version);
  }

  /** Whether {@code value} is within the declared bounds. */
  public boolean allows(long value) {
    return value >= min && value <= max;
  }
}
