package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bcos upgrade status}: the protocol version in force, the versions the node's software
 * ships, and the scheduled and applied upgrades (docs/GOVERNANCE.md "Upgrades"); {@code bcos
 * upgrade fetch} ({@link UpgradeFetch}) stores the scheduled release artifact, verified.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
    description = "Protocol upgrades: what governs the chain now and what is scheduled; fetch "
        + "the scheduled release",
    subcommands = {UpgradeCommand.Status.class, UpgradeFetch.class})
final class UpgradeCommand {
  private UpgradeCommand() {}

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show the protocol version in force, the versions the node ships, and the "
          + "scheduled and applied upgrades")
  static final class Status implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      JsonNode status = common.client().call("upgrade_status");
      if (common.json) {
        Output.json(System.out, status);
        return 0;
      }
      lines(status).forEach(System.out::println);
      return 0;
    }
  }

  /** The status as people read it (the answer of {@code upgrade_status}). */
  static List<String> lines(JsonNode status) {
    List<String> out = new ArrayList<>();
    out.add("protocol version " + status.path("version").asLong() + " governs height "
        + status.path("height").asLong());
    List<String> shipped = new ArrayList<>();
    for (JsonNode v : status.path("software")) {
      shipped.add(v.path("version").asLong() + " (" + v.path("name").asText() + ")");
    }
    out.add("the node's software ships versions " + String.join(", ", shipped));
    JsonNode plan = status.path("scheduled");
    if (plan.isMissingNode()) {
      out.add("scheduled: none");
    } else {
      out.add("scheduled: " + describe(plan) + ", " + plan.path("blocksLeft").asLong()
          + " blocks left; " + (plan.path("supported").asBoolean() ? "the node's software has it"
          : "THE NODE'S SOFTWARE LACKS IT: it stops before height " + plan.path("height").asLong()
              + " unless it runs a release with version " + plan.path("version").asLong())
          + stored(plan));
    }
    for (JsonNode p : status.path("planned")) {
      out.add("planned (genesis): " + describe(p) + (p.path("supported").asBoolean() ? ""
          : "; THE NODE'S SOFTWARE LACKS IT") + stored(p));
    }
    if (status.path("applied").isEmpty()) out.add("applied: none");
    for (JsonNode p : status.path("applied")) out.add("applied: " + describe(p));
    return out;
  }

  /** What the node's release store holds for the plan (nothing said by a node without one). */
  private static String stored(JsonNode plan) {
    JsonNode stored = plan.path("releaseStored");
    if (stored.isMissingNode()) return "";
    return stored.asBoolean() ? "; release artifact verified on the node's disk"
        : "; release artifact not on the node's disk (bcos upgrade fetch)";
  }

  private static String describe(JsonNode plan) {
    return "\"" + plan.path("name").asText() + "\" -> version " + plan.path("version").asLong()
        + " at height " + plan.path("height").asLong() + " (release sha256 "
        + plan.path("release").asText() + ")";
  }
}
