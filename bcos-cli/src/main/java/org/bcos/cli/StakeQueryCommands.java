package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.bcos.types.Address;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The reading half of {@code bcos stake}: validators, one validator, an account's bonds and
 * rewards, the pools. Human output names DDC amounts, rates and heights; {@code --json} prints
 * the node's answer.
 */
final class StakeQueryCommands {
  private StakeQueryCommands() {}

  @Command(name = "validators", description = "List validators: rank, moniker, status, stake,"
      + " voting power, commission")
  static final class Validators implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      ArrayNode list = Output.array();
      StakeNode.allValidators(common).forEach(list::add);
      if (common.json) {
        ObjectNode out = Output.object();
        out.set("validators", list);
        Output.json(System.out, out);
        return 0;
      }
      print(System.out, list);
      return 0;
    }

    /** People read the set in rank order, then the rest by tokens; scripts get address order. */
    static void print(PrintStream out, JsonNode validators) {
      List<JsonNode> sorted = new ArrayList<>();
      validators.forEach(sorted::add);
      sorted.sort(Comparator.comparingInt((JsonNode v) -> v.has("rank") ? v.path("rank").asInt()
          : Integer.MAX_VALUE).thenComparing(v -> -Long.parseLong(v.path("tokensUnits")
          .asText("0"))));
      Table table = new Table("rank", "moniker", "status", "tokens (DDC)", "power",
          "commission", "operator");
      for (JsonNode v : sorted) {
        table.row(v.has("rank") ? v.path("rank").asText() : "-", v.path("moniker").asText(),
            status(v), v.path("tokens").asText(), v.path("votingPower").asText(),
            StakeText.percent(v.path("commission").path("rateBasisPoints").asLong()),
            v.path("operator").asText());
      }
      if (table.isEmpty()) out.println("no validators"); else table.print(out);
    }

    private static String status(JsonNode v) {
      String s = v.path("status").asText();
      return v.has("jailedUntil") ? s + " until " + StakeText.height(v.path("jailedUntil")
          .asLong()) : s;
    }
  }

  @Command(name = "show", description = "Show one validator (operator address, moniker or key"
      + " name)")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "VALIDATOR") String validator;

    @Override
    public Integer call() {
      Address operator = StakeNode.operator(common, validator);
      JsonNode v = StakeNode.validator(common, operator.toString());
      if (common.json) {
        Output.json(System.out, v);
        return 0;
      }
      print(System.out, v);
      return 0;
    }

    static void print(PrintStream out, JsonNode v) {
      JsonNode c = v.path("commission");
      ObjectNode shown = Output.object().put("moniker", v.path("moniker").asText())
          .put("operator", v.path("operator").asText())
          .put("consensusKey", v.path("consensusKey").asText())
          .put("status", v.path("status").asText()
              + (v.has("rank") ? " (rank " + v.path("rank").asText() + ")" : ""))
          .put("tokens", StakeText.ddc(v, "tokens"))
          .put("votingPower", v.path("votingPower").asLong())
          .put("commission", StakeText.percent(c.path("rateBasisPoints").asLong()) + " (max "
              + StakeText.percent(c.path("maxRateBasisPoints").asLong()) + ", change at most "
              + StakeText.percent(c.path("maxChangeBasisPoints").asLong()) + " per edit)")
          .put("commissionEarned", StakeText.ddc(v, "commissionEarned"))
          .put("outstandingRewards", StakeText.ddc(v, "outstandingRewards"));
      if (v.has("jailedUntil")) {
        shown.put("jailedUntil", "height " + StakeText.height(v.path("jailedUntil").asLong()));
      }
      Output.human(out, shown);
    }
  }

  /** A query about one account: a local key name or an address, the dev key by default. */
  abstract static class AccountQuery implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME|ADDRESS", arity = "0..1", defaultValue = "dev",
        description = "account (default: ${DEFAULT-VALUE})") String who;

    /** The node's {@code stake_getAccount} answer for the account. */
    JsonNode account() {
      return common.client().call("stake_getAccount", Keys.resolve(who).toString());
    }
  }

  @Command(name = "bonds", description = "An account's bonds, unbonding and redelegation"
      + " entries (default: the dev key)")
  static final class Bonds extends AccountQuery {
    @Override
    public Integer call() {
      JsonNode account = account();
      if (common.json) {
        Output.json(System.out, account);
        return 0;
      }
      print(System.out, account, StakeNode.blockMillis(common));
      return 0;
    }

    static void print(PrintStream out, JsonNode a, long blockMillis) {
      out.println("bonded: " + StakeText.ddc(a, "bonded") + " (height "
          + StakeText.height(a.path("height").asLong()) + ")");
      Table bonds = new Table("validator", "moniker", "amount (DDC)", "pending reward (DDC)");
      a.path("delegations").forEach(d -> bonds.row(d.path("validator").asText(),
          d.path("moniker").asText(), d.path("amount").asText(),
          d.path("pendingReward").asText()));
      if (!bonds.isEmpty()) bonds.print(out);
      long height = a.path("height").asLong();
      for (JsonNode u : a.path("unbonding")) {
        long done = u.path("completionHeight").asLong();
        out.println("unbonding " + StakeText.ddc(u, "balance") + " from "
            + u.path("validator").asText() + " completes at height " + StakeText.height(done)
            + " (" + StakeText.duration(done - height, blockMillis) + ")");
      }
      for (JsonNode r : a.path("redelegations")) {
        long done = r.path("completionHeight").asLong();
        out.println("redelegated " + StakeText.ddc(r, "initial") + " from "
            + r.path("source").asText() + " to " + r.path("destination").asText()
            + ": slashable at the source until height " + StakeText.height(done) + " ("
            + StakeText.duration(done - height, blockMillis) + ")");
      }
    }
  }

  @Command(name = "rewards", description = "An account's pending rewards per validator and its"
      + " commission (default: the dev key)")
  static final class Rewards extends AccountQuery {
    @Override
    public Integer call() {
      JsonNode a = account();
      ObjectNode out = Output.object().put("address", a.path("address").asText())
          .put("height", a.path("height").asLong());
      ArrayNode list = out.putArray("rewards");
      a.path("delegations").forEach(d -> list.addObject()
          .put("validator", d.path("validator").asText()).put("moniker", d.path("moniker")
              .asText()).put("pendingReward", d.path("pendingReward").asText())
          .put("pendingRewardUnits", d.path("pendingRewardUnits").asText()));
      out.put("commission", a.path("commission").asText())
          .put("commissionUnits", a.path("commissionUnits").asText())
          .put("total", a.path("totalRewards").asText())
          .put("totalUnits", a.path("totalRewardsUnits").asText());
      if (common.json) {
        Output.json(System.out, out);
        return 0;
      }
      Table table = new Table("validator", "moniker", "pending reward (DDC)");
      list.forEach(r -> table.row(r.path("validator").asText(), r.path("moniker").asText(),
          r.path("pendingReward").asText()));
      if (!table.isEmpty()) table.print(System.out);
      System.out.println("commission: " + StakeText.ddc(out, "commission"));
      System.out.println("total:      " + StakeText.ddc(out, "total")
          + "  (bcos stake withdraw VALIDATOR --from KEY pays it)");
      return 0;
    }
  }

  @Command(name = "pools", description = "The reward, community and slashed pools and the total"
      + " bonded")
  static final class Pools implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      JsonNode p = common.client().call("stake_pools");
      if (common.json) {
        Output.json(System.out, p);
        return 0;
      }
      ObjectNode shown = Output.object().put("height", StakeText.height(p.path("height")
              .asLong()))
          .put("rewardPool", StakeText.ddc(p, "rewardPool"))
          .put("blockReward", StakeText.ddc(p, "blockReward"))
          .put("communityPool", StakeText.ddc(p, "communityPool"))
          .put("slashedPool", StakeText.ddc(p, "slashedPool"))
          .put("bonded", StakeText.ddc(p, "bonded"))
          .put("unbondingPeriod", StakeText.height(p.path("unbondingPeriodBlocks").asLong())
              + " blocks");
      if (p.has("rewardBlocksLeft")) {
        shown.put("rewardBlocksLeft", StakeText.height(p.path("rewardBlocksLeft").asLong()));
      }
      Output.human(System.out, shown);
      return 0;
    }
  }
}
