package org.bcos.ledger.stake.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;
import static org.bcos.ledger.spi.rpc.JsonSchemas.units;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.stake.StakingQueries;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;

/** The JSON of the stake module's query answers, and what every staking query shares. */
final class StakeJson {
  private StakeJson() {}

  /** What a staking query answers on a chain whose version has no staking. */
  static final RpcFailure NOT_ACTIVE = new RpcFailure(StakingRejection.STAKING_NOT_ACTIVE.code(),
      StakingRejection.STAKING_NOT_ACTIVE.name(), "the head's protocol version has no staking"
      + " (it starts at version 3)");

  /** Refuses the call by name when the head runs no staking. */
  static void requireActive(StakingQueries queries) {
    if (!queries.active()) {
      throw new RpcException(NOT_ACTIVE.code(), NOT_ACTIVE.reason(), NOT_ACTIVE.when());
    }
  }

  /** Charges one work unit per entry read. */
  static LongConsumer charge(WorkBudget budget) {
    return budget::charge;
  }

  static ObjectNode validator(StakingQueries.ValidatorView view) {
    StakingValidator v = view.validator();
    ObjectNode n = RpcJson.object().put("operator", view.operator().toString())
        .put("moniker", v.moniker()).put("consensusKey", v.consensusKey().toString())
        .put("status", view.status().name().toLowerCase(java.util.Locale.ROOT));
    if (view.rank() > 0) n.put("rank", view.rank());
    n.put("votingPower", view.power());
    RpcJson.amount(n, "tokens", v.tokens());
    n.put("shares", Long.toString(v.shares()));
    n.putObject("commission").put("rateBasisPoints", v.commission().rateBasisPoints())
        .put("maxRateBasisPoints", v.commission().maxRateBasisPoints())
        .put("maxChangeBasisPoints", v.commission().maxChangeBasisPoints())
        .put("lastChangeHeight", v.commission().lastChangeHeight());
    RpcJson.amount(n, "commissionEarned", v.commissionUnits());
    RpcJson.amount(n, "outstandingRewards", v.outstandingUnits());
    if (v.jailed()) n.put("jailedUntil", v.jailedUntil());
    return n;
  }

  static ObjectNode validatorSchema() {
    return object().field("operator", address()).field("moniker", string())
        .field("consensusKey", address())
        .field("status", oneOfText(Arrays.stream(StakingQueries.Status.values())
            .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new)))
        .optional("rank", uint()).field("votingPower", uint()).amountField("tokens")
        .field("shares", units())
        .field("commission", object().field("rateBasisPoints", uint())
            .field("maxRateBasisPoints", uint()).field("maxChangeBasisPoints", uint())
            .field("lastChangeHeight", uint()).build())
        .amountField("commissionEarned").amountField("outstandingRewards")
        .optional("jailedUntil", uint()).build();
  }
}
