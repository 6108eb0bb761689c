package org.bcos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Hash;

/**
 * The {@code --param NAME=VALUE} options of {@code bcos testnet init}: genesis values of chain
 * parameters, checked against the parameters in force at the chain's protocol version and their
 * declared bounds before anything is written (the ledger refuses the same genesis at start, but
 * only after the directory exists); and its {@code --upgrade NAME:VERSION:HEIGHT[:SHA256]}
 * options, the genesis' planned upgrades, checked by the genesis' own rules just as early.
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

  /**
   * The planned upgrades {@code --upgrade NAME:VERSION:HEIGHT[:RELEASE_SHA256]} names, in the
   * order given (the order they activate); the release defaults to {@link #NO_RELEASE}. A
   * malformed one is {@code INVALID_ARGUMENT}, a list the genesis would refuse is refused by the
   * genesis' reason ({@code UPGRADE_VERSION_NOT_NEWER}, {@code UPGRADE_HEIGHT_PASSED}, ...).
   */
  static List<UpgradePlan> upgrades(List<String> settings, int version) {
    List<UpgradePlan> plans = new ArrayList<>();
    for (String setting : settings) plans.add(plan(setting));
    Genesis.checkUpgrades(plans, version).ifPresent(p -> {
      throw refused(p.reason(), "--upgrade: " + p.message() + " (the chain starts at protocol "
          + "version " + version + ")");
    });
    return plans;
  }

  private static CliException refused(Genesis.UpgradePlanReason reason, String message) {
    return switch (reason) {
      case TOO_MANY_UPGRADES -> new CliException("TOO_MANY_UPGRADES", message);
      case UPGRADE_NAME_INVALID -> new CliException("UPGRADE_NAME_INVALID", message);
      case UPGRADE_NAME_USED -> new CliException("UPGRADE_NAME_USED", message);
      case UPGRADE_HEIGHT_PASSED -> new CliException("UPGRADE_HEIGHT_PASSED", message);
      case UPGRADE_TOO_FAR -> new CliException("UPGRADE_TOO_FAR", message);
      case UPGRADE_VERSION_NOT_NEWER -> new CliException("UPGRADE_VERSION_NOT_NEWER", message);
      // every plan made here is planned at genesis
      case UPGRADE_NOT_AT_GENESIS -> throw new IllegalStateException(message);
    };
  }

  /**
   * The release of a plan given without one: no artifact (a rehearsal on one release, with
   * {@code --max-protocol-version} playing the old one); nodes lacking the version name it when
   * they stop.
   */
  static final Hash NO_RELEASE = Hash.ZERO;

  private static UpgradePlan plan(String setting) {
    String[] parts = setting.split(":", -1);
    String form = "--upgrade " + setting + ": expected NAME:VERSION:HEIGHT[:RELEASE_SHA256]";
    if (parts.length < 3 || parts.length > 4) throw invalid(form);
    try {
      int version = Integer.parseInt(parts[1]);
      long height = Long.parseLong(parts[2].replace("_", ""));
      if (version < 1 || height < 1) throw invalid(form + " (version and height >= 1)");
      Hash release = parts.length == 4 ? Hash.fromHex(parts[3]) : NO_RELEASE;
      return new UpgradePlan(parts[0], version, release, height, 0);
    } catch (NumberFormatException e) {
      throw invalid(form + " (VERSION and HEIGHT are whole numbers)");
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_HASH", "--upgrade " + setting + ": the release is the 64 "
          + "hex digits of the release artifact's SHA-256: " + e.getMessage());
    }
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
