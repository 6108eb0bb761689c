package org.bcos.ledger.stake.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.stake.StakingQueries;

/** {@code stake_pools}: the stake module's pools and the total bonded. */
final class StakePoolsMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("stake_pools",
      "The reward, community and slashed pools, the total bonded, and how long the reward pool"
          + " lasts.",
      "rewardBlocksLeft: blocks the reward pool still pays blockReward for (absent when the"
          + " block reward is 0). Costs one work unit per validator (the bonded total).",
      List.of(), new RpcResult("pools", object().field("height", uint())
          .amountField("rewardPool").amountField("communityPool").amountField("slashedPool")
          .amountField("bonded").amountField("blockReward").optional("rewardBlocksLeft", uint())
          .field("unbondingPeriodBlocks", uint()).build()),
      List.of(StakeJson.NOT_ACTIVE));

  private final StakingQueries queries;

  StakePoolsMethod(StakingQueries queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(0);
    StakeJson.requireActive(queries);
    StakingQueries.Pools p = queries.pools(StakeJson.charge(budget));
    ObjectNode out = RpcJson.object().put("height", queries.height());
    RpcJson.amount(out, "rewardPool", p.rewardPoolUnits());
    RpcJson.amount(out, "communityPool", p.communityPoolUnits());
    RpcJson.amount(out, "slashedPool", p.slashedPoolUnits());
    RpcJson.amount(out, "bonded", p.bondedUnits());
    RpcJson.amount(out, "blockReward", p.blockRewardUnits());
    if (p.blockRewardUnits() > 0) {
      out.put("rewardBlocksLeft", p.rewardPoolUnits() / p.blockRewardUnits());
    }
    return out.put("unbondingPeriodBlocks", p.unbondingPeriodBlocks());
  }
}
