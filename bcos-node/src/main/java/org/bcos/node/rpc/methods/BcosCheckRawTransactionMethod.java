package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.Ingress;

/**
 * {@code bcos_checkRawTransaction [hex]}: every check {@code bcos_sendRawTransaction} makes, and
 * nothing added (Bitcoin Core's {@code testmempoolaccept}): what {@code --dry-run} asks.
 */
final class BcosCheckRawTransactionMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_checkRawTransaction",
      "Checks one signed transaction as bcos_sendRawTransaction would, without submitting it.",
      "The same checks in the same order (decode, stateless, expiry, signature, the module's"
          + " check against the head state, the mempool's nonce, balance, quotas and room) and the"
          + " same errors; nothing is added to the mempool or evicted from it. An admissible"
          + " transaction may still be refused later if the state changes before it is sent.",
      List.of(RpcParam.required("hex", hex(), "the signed transaction, hex")),
      new RpcResult("admissible", object().field("hash", hash()).field("admissible", bool())
          .build()), List.of());
  private final Ingress ingress;

  BcosCheckRawTransactionMethod(Ingress ingress) {
    super(SPEC);
    this.ingress = ingress;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    String hex = args.text(0, "transaction hex");
    budget.charge(RpcCosts.TX_SUBMIT);
    Ingress.Result r = ingress.checkHex(hex);
    if (!r.verdict().ok()) throw BcosSendRawTransactionMethod.rejected(r.verdict());
    return RpcJson.object().put("hash", r.hash().toHex()).put("admissible", true);
  }
}
