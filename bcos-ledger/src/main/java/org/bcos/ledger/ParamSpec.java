package org.bcos.ledger;

import java.util.Objects;

/**
 * A chain parameter declared by a module: a consensus-relevant non-negative whole number kept in
 * state, set at genesis and changed only through the params module's api, which checks these
 * bounds.
 *
 * @param name unique camelCase name, e.g. {@code minFeeUnits}
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param genesisDefault value when a genesis does not set it
 * @param unit what the number counts (for people and the OpenRPC schema)
 * @param doc one sentence: what it governs
 * @param feature the chain feature it belongs to ({@link #CORE_FEATURE} for every chain): a
 *     feature's parameters are in state only on chains that enable the feature, so declaring
 *     them changes no existing chain
 */
public record ParamSpec(String name, long min, long max, long genesisDefault, Unit unit,
    String doc, String feature) {
  /** The feature of parameters every chain has. */
  public static final String CORE_FEATURE = "";

  /** Longest parameter name, in ASCII characters. */
  public static final int MAX_NAME_LENGTH = 48;

  /** What a parameter's number counts. */
  public enum Unit {
    COUNT, BLOCKS, BYTES, BASE_UNITS, BITS, PERCENT, BASIS_POINTS
  }

  /** A parameter every chain has. */
  public ParamSpec(String name, long min, long max, long genesisDefault, Unit unit, String doc) {
    this(name, min, max, genesisDefault, unit, doc, CORE_FEATURE);
  }

  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(feature, "feature");
    if (!name.matches("[a-z][A-Za-z0-9]{0," + (MAX_NAME_LENGTH - 1) + "}")) {
      throw new IllegalArgumentException("parameter names are camelCase ASCII: " + name);
    }
    if (min < 0 || min > max || genesisDefault < min || genesisDefault > max) {
      throw new IllegalArgumentException("parameter " + name
          + ": needs 0 <= min <= default <= max");
    }
  }

  /** Whether {@code value} is within the declared bounds. */
  public boolean allows(long value) {
    return value >= min && value <= max;
  }
}
