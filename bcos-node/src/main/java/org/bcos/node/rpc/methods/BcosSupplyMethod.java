package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.SupplyInvariant;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Amount;

/**
 * {@code bcos_supply}: where the fixed supply sits at the head, by kind of holding (liquid
 * balances, bonded stake, unbonding, the pools, validators' commission and outstanding rewards),
 * summed from one consistent view of the state, with whether the total is exactly 50 bn DDC.
 */
final class BcosSupplyMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_supply",
      "Where the fixed supply of 50,000,000,000 DDC sits at the head, by kind of holding.",
      "Sums every module's holdings over one consistent view of the head's state: liquid"
          + " (account balances, fee collector included), bonded (validator tokens), unbonding,"
          + " slashedPool, rewardPool, communityPool, commission and outstandingRewards"
          + " (validators' commission and bonders' rewards not yet withdrawn). A kind the chain"
          + " never held is absent. Kinds are named by the modules and listed in the order met: by"
          + " module, then column, then key. whole is total = supply, which the node checks at every"
          + " block. Reads every holding entry: one work unit each (a chain with more accounts"
          + " than a request's budget answers WORK_LIMIT_EXCEEDED).",
      List.of(), new RpcResult("supply", schema()), List.of());

  private final Ledger ledger;

  BcosSupplyMethod(Ledger ledger) {
    super(SPEC);
    this.ledger = ledger;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    SupplyInvariant supply = new SupplyInvariant(ledger.modules().holdings());
    try (Ledger.StateView view = ledger.stateView()) {
      Map<String, Long> parts = supply.parts(view.view(), () -> budget.charge(
          RpcCosts.STATE_ENTRY));
      return answer(view.head().height(), parts);
    }
  }

  static ObjectNode answer(long height, Map<String, Long> parts) {
    ObjectNode out = RpcJson.object().put("height", height);
    ArrayNode holdings = out.putArray("holdings");
    long total = 0;
    for (Map.Entry<String, Long> e : parts.entrySet()) {
      ObjectNode h = holdings.addObject().put("kind", e.getKey());
      RpcJson.amount(h, "amount", e.getValue());
      total = Math.addExact(total, e.getValue());
    }
    RpcJson.amount(out, "total", total);
    RpcJson.amount(out, "supply", Amount.TOTAL_SUPPLY_UNITS);
    return out.put("whole", total == Amount.TOTAL_SUPPLY_UNITS);
  }

  private static ObjectNode schema() {
    return object().field("height", uint())
        .field("holdings", array(object()
            .field("kind", string()).amountField("amount")
            .build()))
        .amountField("total").amountField("supply").field("whole", bool()).build();
  }
}
