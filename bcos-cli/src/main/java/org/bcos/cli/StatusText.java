package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.client.RpcError;

/**
 * {@code bcos status} for people: the node's fields one per line, the last commit and the
 * consensus round in words, then the validator set as a table (consensus key, the validator's
 * moniker when staking names it, power in whole DDC and its share of the total).
 */
final class StatusText {
  private StatusText() {}

  static void print(PrintStream out, JsonNode status, Map<String, String> monikers) {
    ObjectNode shown = status.deepCopy();
    JsonNode validators = status.path("validators");
    long total = 0;
    for (JsonNode v : validators) total = Math.addExact(total, v.path("power").asLong());
    shown.put("validators", validators.size() + " (power " + StakeText.height(total)
        + ", below)");
    JsonNode commit = status.path("lastCommit");
    if (commit.isObject()) {
      shown.put("lastCommit", "height " + commit.path("height").asLong() + ", round "
          + commit.path("round").asLong() + ", "
          + count(commit.path("signers").asLong(), "signer"));
    }
    JsonNode c = status.path("consensus");
    if (c.isObject()) {
      shown.put("consensus", "height " + c.path("height").asLong() + ", round "
          + c.path("round").asLong() + ", step " + c.path("step").asText() + "; "
          + count(c.path("validators").asLong(), "validator") + ", power "
          + StakeText.height(c.path("totalPower").asLong()) + "; last commit round "
          + c.path("lastCommitRound").asLong() + " with "
          + count(c.path("lastCommitSigners").asLong(), "signer"));
    }
    Output.human(out, shown);
    out.println();
    out.println("validator set of height " + (status.path("height").asLong() + 1) + ":");
    Table table = new Table("consensus key", "moniker", "power (DDC)", "share");
    for (JsonNode v : validators) {
      String key = v.path("address").asText();
      long power = v.path("power").asLong();
      table.row(key, monikers.getOrDefault(key, "-"), StakeText.height(power),
          StakeText.percent(total == 0 ? 0 : Math.multiplyExact(power, 10_000L) / total));
    }
    if (table.isEmpty()) out.println("  (empty)"); else table.print(out);
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * Each validator's moniker by its consensus key, from {@code stake_validators}; none below
   * protocol version 3 (no staking: the genesis set has no names).
   */
  static Map<String, String> monikers(CommonOptions common) {
    Map<String, String> out = new TreeMap<>();
    try {
      for (JsonNode v : StakeNode.allValidators(common)) {
        out.put(v.path("consensusKey").asText(), v.path("moniker").asText());
      }
    } catch (RpcError e) {
      if (!e.reason().equals("STAKING_NOT_ACTIVE")) throw e;
    }
    return out;
  }
}
