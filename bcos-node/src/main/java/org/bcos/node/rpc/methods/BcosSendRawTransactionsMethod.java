package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.integer;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.Ingress;
import org.bcos.node.NodeMetrics;

/**
 * {@code bcos_sendRawTransactions [[hex, …]]}: submits up to {@code rpcMaxBatch} transactions,
 * verified in parallel; one result per transaction, in order.
 */
final class BcosSendRawTransactionsMethod extends AbstractRpcMethod {
  private final Ingress ingress;
  private final NodeMetrics metrics;
  private final int maxBatch;

  BcosSendRawTransactionsMethod(Ingress ingress, NodeMetrics metrics, int maxBatch) {
    super(spec(maxBatch));
    this.ingress = ingress;
    this.metrics = metrics;
    this.maxBatch = maxBatch;
  }

  /** The schema carries this node's batch limit ({@code rpcMaxBatch}). */
  static RpcMethodSpec spec(int maxBatch) {
    return new RpcMethodSpec("bcos_sendRawTransactions",
        "Submits many signed transactions at once; one result per transaction, in order.",
        "A rejected transaction does not affect the others; its result carries the rejection's"
            + " code, reason and message.",
        List.of(RpcParam.required("transactions", array(hex(), maxBatch),
            "the signed transactions, hex (at most rpcMaxBatch)")),
        new RpcResult("results", array(object().optional("hash", hash())
            .field("accepted", bool()).optional("code", integer()).optional("reason", string())
            .optional("message", string()).build())),
        List.of(RpcFailure.limit("more transactions than rpcMaxBatch")));
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    JsonNode list = args.array(0, "transactions", maxBatch);
    List<String> hexes = new ArrayList<>(list.size());
    for (JsonNode h : list) hexes.add(RpcArgs.textValue(h, "each transaction"));
    budget.charge((long) RpcCosts.TX_SUBMIT * hexes.size());
    ArrayNode out = RpcJson.MAPPER.createArrayNode();
    for (Ingress.Result r : ingress.submitAllHex(hexes)) {
      ObjectNode n = out.addObject();
      if (r.hash() != null) n.put("hash", r.hash().toHex());
      n.put("accepted", r.verdict().ok());
      if (r.verdict().ok()) {
        metrics.admitted();
      } else {
        metrics.rejected(r.verdict().rejection());
        n.put("code", r.verdict().rejection().code());
        n.put("reason", r.verdict().rejection().name());
        n.put("message", r.verdict().message());
      }
    }
    return out;
  }
}
