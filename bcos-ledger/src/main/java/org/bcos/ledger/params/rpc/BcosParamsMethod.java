package org.bcos.ledger.params.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uintParam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * {@code bcos_params [height]}: every chain parameter with its value governing the block at
 * {@code height} (default: the next block), its bounds, default, unit, declaring module and
 * meaning. Parameters are state, so every height since genesis can be read back.
 */
final class BcosParamsMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_params",
      "The chain parameters governing a height, with their bounds and meaning.",
      "Values are state: a change takes effect from a later height, and every earlier value "
          + "stays readable. Without a height, the values governing the next block.",
      List.of(RpcParam.optional("height", uintParam(),
          "the block height the values govern (0 = genesis; at most the next block)")),
      new RpcResult("params", object().field("height", uint())
          .field("params", array(object().field("name", string()).field("value", uint())
              .field("min", uint()).field("max", uint()).field("default", uint())
              .field("unit", oneOfText(Arrays.stream(ParamSpec.Unit.values())
                  .map(Enum::name).toArray(String[]::new)))
              .field("module", string()).field("doc", string()).build())).build()),
      List.of());

  private final QueryContext queries;

  BcosParamsMethod(QueryContext queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    long next = queries.headHeight() + 1;
    long height = args.has(0) ? args.uint(0, "height") : next;
    if (height > next) {
      throw RpcException.invalidParams("height " + height + " is beyond the next block ("
          + next + ")");
    }
    SortedMap<String, Long> values = queries.api(ParamsApi.class).valuesAt(height);
    budget.charge((long) RpcCosts.STATE_ENTRY * values.size());
    ObjectNode out = RpcJson.object().put("height", height);
    ArrayNode list = out.putArray("params");
    for (LedgerModule m : queries.modules().modules()) {
      for (ParamSpec spec : m.params()) {
        Long value = values.get(spec.name());
        if (value == null) continue; // declared by software newer than that height's state
        list.addObject().put("name", spec.name()).put("value", value).put("min", spec.min())
            .put("max", spec.max()).put("default", spec.genesisDefault())
            .put("unit", spec.unit().name()).put("module", m.name()).put("doc", spec.doc());
      }
    }
    return out;
  }
}
