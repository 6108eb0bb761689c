package org.bcos.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ParamSpec;

/**
 * The {@code --param NAME=VALUE} options of {@code bcos testnet init}: genesis values of chain
 * parameters, checked against the parameters in force at the chain's protocol version and their
 * declared bounds before anything is written (the ledger refuses the same genesis at start, but
 * only after the directory exists).
 */
final class GenesisParams {
  private GenesisParams() {}

  /**
   * {@code base} with every setting applied; {@code UNKNOWN_PARAM} for a name not in force at
   * {@code version}, {@code PARAM_OUT_OF_RANGE} for a value outside its bounds, {@code
   * INVALID_ARGUMENT} for a malformed or repeated setting.
   */
  static ChainParams apply(ChainParams base, List<String> settings, int version) {
    Map<String, ParamSpec> inForce = inForce(version);
    TreeMap<String, Long> values = new TreeMap<>();
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      if (eq <= 0) throw invalid("--param " + setting + ": expected NAME=VALUE");
      String name = setting.substring(0, eq);
      ParamSpec spec = inForce.get(name);
      if (spec == null) {
        throw new CliException("UNKNOWN_PARAM", "--param " + name + ": no such chain parameter"
            + " at protocol version " + version + " (bcos params lists a chain's parameters)");
      }
      long value = value(spec, setting.substring(eq + 1));
      if (values.put(name, value) != null) throw invalid("--param " + name + " given twice");
    }
    ChainParams params = base;
    for (var e : values.entrySet()) params = params.with(e.getKey(), e.getValue());
    return params;
  }

  private static Map<String, ParamSpec> inForce(int version) {
    TreeMap<String, ParamSpec> specs = new TreeMap<>();
    Modules.VERSIONS.rules(version).orElseThrow().params(Modules.STANDARD)
        .forEach(p -> specs.put(p.name(), p));
    return specs;
  }

  private static long value(ParamSpec spec, String text) {
    long value;
    try {
      value = Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid("--param " + spec.name() + ": " + text + " is not a whole number");
    }
    if (!spec.allows(value)) {
      throw new CliException("PARAM_OUT_OF_RANGE", "--param " + spec.name() + "=" + text
          + ": must be " + spec.min() + ".." + spec.max() + " (" + spec.unit() + ")");
    }
    return value;
  }

  private static CliException invalid(String message) {
    return new CliException("INVALID_ARGUMENT", message);
  }
}
