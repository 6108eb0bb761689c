package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.Ingress;
import org.bcos.node.NodeMetrics;

/** {@code bcos_sendRawTransaction [hex]}: submits one signed transaction to the mempool. */
final class BcosSendRawTransactionMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_sendRawTransaction",
      "Submits one signed transaction (canonical encoding, hex); answers its hash.",
      "A rejected transaction is an error whose data.reason names the rejection (docs/RPC.md"
          + " lists them); nothing changes on rejection.",
      List.of(RpcParam.required("hex", hex(), "the signed transaction, hex")),
      new RpcResult("submitted", object().field("hash", hash()).build()), List.of());
  private final Ingress ingress;
  private final NodeMetrics metrics;

  BcosSendRawTransactionMethod(Ingress ingress, NodeMetrics metrics) {
    super(SPEC);
    this.ingress = ingress;
    this.metrics = metrics;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    String hex = args.text(0, "transaction hex");
    budget.charge(RpcCosts.TX_SUBMIT);
    Ingress.Result r = ingress.submitHex(hex);
    if (!r.verdict().ok()) {
      metrics.rejected(r.verdict().rejection());
      throw rejected(r.verdict());
    }
    metrics.admitted();
    ObjectNode n = RpcJson.object();
    n.put("hash", r.hash().toHex());
    return n;
  }

  /** A rejection as an RPC error: its code and name reach the caller unchanged. */
  static RpcException rejected(Verdict verdict) {
    return new RpcException(verdict.rejection().code(), verdict.rejection().name(),
        verdict.message());
  }
}
