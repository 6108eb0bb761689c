package org.bcos.ledger.stake.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.stake.StakingQueries;
import org.bcos.types.Address;

/** {@code stake_getValidator [validator]}: one validator by its operator's address. */
final class StakeGetValidatorMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("stake_getValidator",
      "One staking validator by its operator's address.",
      "The fields of stake_validators. Costs one work unit per validator of the chain (the"
          + " rank reads them all).",
      List.of(RpcParam.required("validator", address(), "the operator's dd1… address")),
      new RpcResult("validator", object().field("height", uint())
          .fieldsOf(StakeJson.validatorSchema()).build()),
      List.of(RpcFailure.notFound("no validator has that operator"), StakeJson.NOT_ACTIVE));

  private final StakingQueries queries;

  StakeGetValidatorMethod(StakingQueries queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(1);
    Address operator = args.address(0, "validator");
    StakeJson.requireActive(queries);
    StakingQueries.ValidatorView v = queries.validator(operator, StakeJson.charge(budget))
        .orElseThrow(() -> RpcException.notFound("no validator is operated by " + operator));
    return StakeJson.validator(v).put("height", queries.height());
  }
}
