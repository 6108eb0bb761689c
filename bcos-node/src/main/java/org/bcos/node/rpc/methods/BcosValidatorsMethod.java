package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * {@code bcos_validators [height?]}: the validator set that governs a height, as committed. A
 * change decided in block h governs from h + {@link ValidatorSets#ACTIVATION_DELAY}, so the sets
 * up to the head + 2 are known; the set of a later height may still change.
 */
final class BcosValidatorsMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_validators",
      "The validator set governing a height (by default the next one): who votes and proposes.",
      "A set decided in block h governs from h + 2, so heights up to the head + 2 are known;"
          + " power is whole bonded DDC, validators are in address order.",
      List.of(RpcParam.optional("height", JsonSchemas.uintParam(),
          "a height from 1 to the head + 2 (default: the head + 1)")),
      new RpcResult("validators", schema()),
      List.of(RpcFailure.notFound("the height is above the head + 2 (not decided yet)")));
  private final Ledger ledger;

  BcosValidatorsMethod(Ledger ledger) {
    super(SPEC);
    this.ledger = ledger;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    // the head first: a set change is recorded before its block becomes the head
    long head = ledger.head().height();
    long known = head + ValidatorSets.ACTIVATION_DELAY;
    long height = args.has(0) ? args.uint(0, "height") : head + 1;
    if (height < 1) throw RpcException.invalidParams("height: heights start at 1");
    if (height > known) {
      throw RpcException.notFound("the validator set of height " + height + " is not decided"
          + " yet (head " + head + "; known up to height " + known + ")");
    }
    ObjectNode n = RpcJson.object().put("height", height).put("headHeight", head);
    long total = 0;
    var list = n.putArray("validators");
    for (ValidatorPower v : ledger.validatorSetAt(height)) {
      list.addObject().put("address", v.address().toString()).put("power", v.power());
      total = Math.addExact(total, v.power());
    }
    return n.put("totalPower", total);
  }

  private static ObjectNode schema() {
    return object().field("height", uint()).field("headHeight", uint())
        .field("validators", array(object().field("address", address())
            .field("power", uint()).build()))
        .field("totalPower", uint()).build();
  }
}
