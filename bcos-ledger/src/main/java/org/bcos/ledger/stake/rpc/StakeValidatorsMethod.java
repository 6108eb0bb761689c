package org.bcos.ledger.stake.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.stake.StakingQueries;

/** {@code stake_validators [limit?, cursor?]}: every validator by operator address, paged. */
final class StakeValidatorsMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("stake_validators",
      "The staking validators by operator address, with standing, stake, commission and rank,"
          + " paged.",
      "status: active (in the set the head's block recorded: it governs from at most two"
          + " blocks on), inactive, jailed (jailedUntil is the first height it may unjail at),"
          + " tombstoned (double-signed: never unjails). rank is the place in the active set by"
          + " tokens (1 = most); votingPower is whole bonded DDC in the set, 0 outside it."
          + " Costs one work unit per validator of the chain (the ranking reads them all) plus"
          + " one per validator listed.",
      List.of(RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("validators", object().field("height", uint())
          .field("validators", array(StakeJson.validatorSchema()))
          .optional("nextCursor", hex()).build()),
      List.of(StakeJson.NOT_ACTIVE));

  private final StakingQueries queries;

  StakeValidatorsMethod(StakingQueries queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    int limit = RpcPaging.limitBeforePosition(args);
    byte[] from = RpcPaging.cursor(args, 1).orElse(new byte[0]);
    StakeJson.requireActive(queries);
    StakingQueries.Page<StakingQueries.ValidatorView> page =
        queries.validators(from, limit, StakeJson.charge(budget));
    ObjectNode out = RpcJson.object().put("height", queries.height());
    ArrayNode list = out.putArray("validators");
    page.items().forEach(v -> list.add(StakeJson.validator(v)));
    return RpcPaging.next(out, page.next());
  }
}
